import { api } from '../../../lib/api-client';
import { useResource, type Resource } from '../../../lib/use-resource';
import type { ArtifactHistory } from '../../../types/api';
import type { Scope } from '../../../types/scope';

export function getHistory(artifactId: string, scope: Scope, signal?: AbortSignal): Promise<ArtifactHistory> {
  return api<ArtifactHistory>(`/api/v1/artifacts/${encodeURIComponent(artifactId)}/history`, {
    query: { collection: scope.collection, project_path: scope.projectPath },
    signal,
  });
}

export function useHistory(artifactId: string, scope: Scope, reloadKey: number): Resource<ArtifactHistory> {
  return useResource((signal) => getHistory(artifactId, scope, signal), [artifactId, scope.collection, scope.projectPath, reloadKey]);
}
