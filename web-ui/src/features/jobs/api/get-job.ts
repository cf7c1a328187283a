import { api } from '../../../lib/api-client';
import type { Job } from '../../../types/api';

export function getJob(jobId: string): Promise<Job> {
  return api<Job>(`/api/v1/sync/jobs/${encodeURIComponent(jobId)}`);
}
