import { api } from '../../../lib/api-client';
import type { Policy, PolicyChange } from '../../../types/api';

/** Holds or releases an artifact, or sets its auto-update; written at once (not a job). */
export function putPolicy(collection: string, artifactId: string, change: PolicyChange): Promise<Policy> {
  return api<Policy>(`/api/v1/collections/${encodeURIComponent(collection)}/artifacts/${encodeURIComponent(artifactId)}/policy`, {
    method: 'PUT',
    body: change,
  });
}
