import { api } from '../../../lib/api-client';
import type { Job } from '../../../types/api';

export interface PatchRequest {
  artifact_ids: string[];
  collection: string;
  project_path: string;
  format: string;
}

export function createPatch(request: PatchRequest): Promise<Job> {
  return api<Job>('/api/v1/sync/patch', { method: 'POST', body: request });
}
