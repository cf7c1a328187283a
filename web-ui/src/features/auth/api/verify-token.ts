import { api } from '../../../lib/api-client';
import type { Workspace } from '../../../types/api';

/** Checks a token by reading the workspace with it; rejects with an ApiError(401) if refused. */
export function verifyToken(token: string): Promise<Workspace> {
  return api<Workspace>('/api/v1/workspace', { token });
}
