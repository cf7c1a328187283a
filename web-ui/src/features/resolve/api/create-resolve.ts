import { api } from '../../../lib/api-client';
import type { Job, Strategy } from '../../../types/api';

/** A conflicted file's chosen result: a side, both sides of every conflict, or its whole text. */
export type FileChoice = { strategy: 'ours' | 'theirs' | 'union' } | { content: string };

export interface ResolveRequest {
  job_id: string;
  strategies: Record<string, Strategy>;
  /** Artifact id → path → choice; the server stores the result and the job applies it. */
  files?: Record<string, Record<string, FileChoice>>;
}

export function createResolve(request: ResolveRequest): Promise<Job> {
  return api<Job>('/api/v1/sync/resolve', { method: 'POST', body: request });
}
