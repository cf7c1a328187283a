import { api } from '../../../lib/api-client';
import { useResource, type Resource } from '../../../lib/use-resource';
import type { ArtifactVersions } from '../../../types/api';
import type { Scope } from '../../../types/scope';

export function getVersions(artifactId: string, scope: Scope, signal?: AbortSignal): Promise<ArtifactVersions> {
  return api<ArtifactVersions>(`/api/v1/artifacts/${encodeURIComponent(artifactId)}/versions`, {
    query: { collection: scope.collection, project_path: scope.projectPath },
    signal,
  });
}

export function useVersions(artifactId: string, scope: Scope, reloadKey: number): Resource<ArtifactVersions> {
  return useResource((signal) => getVersions(artifactId, scope, signal), [artifactId, scope.collection, scope.projectPath, reloadKey]);
}
