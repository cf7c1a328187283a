import { api } from '../../../lib/api-client';
import type { Job } from '../../../types/api';

export function createCollection(name: string, dryRun: boolean): Promise<Job> {
  return api<Job>('/api/v1/collections', { method: 'POST', body: { name, dry_run: dryRun } });
}
