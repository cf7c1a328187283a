import { api } from '../../../lib/api-client';
import { useResource, type Resource } from '../../../lib/use-resource';
import type { JobPage } from '../../../types/api';

export const RECENT_JOBS = 25;

export function listJobs(limit: number, signal?: AbortSignal): Promise<JobPage> {
  return api<JobPage>('/api/v1/sync/jobs', { query: { limit }, signal });
}

export function useRecentJobs(reloadKey: number): Resource<JobPage> {
  return useResource((signal) => listJobs(RECENT_JOBS, signal), [reloadKey]);
}
