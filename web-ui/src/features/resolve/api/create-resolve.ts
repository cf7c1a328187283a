import { api } from '../../../lib/api-client';
import type { Job, Strategy } from '../../../types/api';

export interface ResolveRequest {
  job_id: string;
  strategies: Record<string, Strategy>;
}

export function createResolve(request: ResolveRequest): Promise<Job> {
  return api<Job>('/api/v1/sync/resolve', { method: 'POST', body: request });
}
