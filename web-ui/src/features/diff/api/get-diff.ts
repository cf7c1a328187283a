import { api } from '../../../lib/api-client';
import { useResource, type Resource } from '../../../lib/use-resource';
import type { DiffView, Tier } from '../../../types/api';
import type { Scope } from '../../../types/scope';

export function getDiff(artifactId: string, lhs: Tier, rhs: Tier, scope: Scope, signal?: AbortSignal): Promise<DiffView> {
  return api<DiffView>(`/api/v1/artifacts/${encodeURIComponent(artifactId)}/diff`, {
    query: { lhs, rhs, collection: scope.collection, project_path: scope.projectPath },
    signal,
  });
}

export function useDiff(artifactId: string, lhs: Tier, rhs: Tier, scope: Scope, reloadKey: number): Resource<DiffView> {
  return useResource((signal) => getDiff(artifactId, lhs, rhs, scope, signal), [artifactId, lhs, rhs, scope.collection, scope.projectPath, reloadKey]);
}
