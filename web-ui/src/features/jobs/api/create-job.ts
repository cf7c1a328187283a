import { api } from '../../../lib/api-client';
import type { Direction, Job, Strategy } from '../../../types/api';

export interface CreateJobRequest {
  direction: Direction;
  artifact_ids?: string[];
  collection: string;
  project_path?: string;
  strategy: Strategy;
  dry_run: boolean;
}

export function createJob(request: CreateJobRequest): Promise<Job> {
  return api<Job>('/api/v1/sync/jobs', { method: 'POST', body: request });
}
