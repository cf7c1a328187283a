import { api } from '../../../lib/api-client';
import type { Job, RollbackTier } from '../../../types/api';

export interface RollbackRequest {
  tier: RollbackTier;
  /** Any version of the artifact's history. */
  to_hash: string;
  collection: string;
  /** Required for the project tier. */
  project_path?: string;
  dry_run: boolean;
  /** Collection only: also hold the artifact (the server's default). */
  hold?: boolean;
}

export function rollback(artifactId: string, request: RollbackRequest): Promise<Job> {
  return api<Job>(`/api/v1/artifacts/${encodeURIComponent(artifactId)}/rollback`, { method: 'POST', body: request });
}
