import { api } from '../../../lib/api-client';
import type { Job } from '../../../types/api';

export interface AdoptRequest {
  project_path: string;
  artifact_ids: string[];
  dry_run: boolean;
}

/** Takes artifacts that exist only in the project into the collection (a project → collection sync). */
export function adopt(collection: string, request: AdoptRequest): Promise<Job> {
  return api<Job>(`/api/v1/collections/${encodeURIComponent(collection)}/adopt`, { method: 'POST', body: request });
}
