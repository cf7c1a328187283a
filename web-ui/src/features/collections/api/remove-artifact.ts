import { api } from '../../../lib/api-client';
import type { Job } from '../../../types/api';

/** Takes an artifact out of the collection (project copies stay). */
export function removeArtifact(collection: string, artifactId: string, dryRun: boolean): Promise<Job> {
  return api<Job>(`/api/v1/collections/${encodeURIComponent(collection)}/artifacts/${encodeURIComponent(artifactId)}`, {
    method: 'DELETE',
    query: { dry_run: dryRun },
  });
}
