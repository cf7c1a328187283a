import { api } from '../../../lib/api-client';
import { useResource, type Resource } from '../../../lib/use-resource';
import type { DiffView, Tier } from '../../../types/api';
import type { Scope } from '../../../types/scope';

/** Exact versions (content hashes from the history store) instead of what the tiers hold now. */
export interface DiffPins {
  lhsHash: string;
  rhsHash: string;
}

export function getDiff(artifactId: string, lhs: Tier, rhs: Tier, scope: Scope, signal?: AbortSignal, pins?: DiffPins): Promise<DiffView> {
  return api<DiffView>(`/api/v1/artifacts/${encodeURIComponent(artifactId)}/diff`, {
    query: { lhs, rhs, collection: scope.collection, project_path: scope.projectPath, lhs_hash: pins?.lhsHash, rhs_hash: pins?.rhsHash },
    signal,
  });
}

export function useDiff(artifactId: string, lhs: Tier, rhs: Tier, scope: Scope, reloadKey: number, pins?: DiffPins): Resource<DiffView> {
  return useResource(
    (signal) => getDiff(artifactId, lhs, rhs, scope, signal, pins),
    [artifactId, lhs, rhs, scope.collection, scope.projectPath, reloadKey, pins?.lhsHash, pins?.rhsHash],
  );
}
