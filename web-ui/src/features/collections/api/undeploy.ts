import { api } from '../../../lib/api-client';
import type { Job } from '../../../types/api';

export interface UndeployRequest {
  artifact_ids: string[];
  project_path: string;
  collection: string;
  /** Also take out a project copy that has local edits. */
  force: boolean;
  dry_run: boolean;
}

export function undeploy(request: UndeployRequest): Promise<Job> {
  return api<Job>('/api/v1/sync/undeploy', { method: 'POST', body: request });
}
