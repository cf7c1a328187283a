import { api } from '../../../lib/api-client';
import { useResource, type Resource } from '../../../lib/use-resource';
import type { ArtifactList } from '../../../types/api';
import type { Scope } from '../../../types/scope';

/** With `refresh`, the server fetches the upstreams first (new upstream commits become visible). */
export function getArtifacts(scope: Scope, signal?: AbortSignal, refresh = false): Promise<ArtifactList> {
  return api<ArtifactList>('/api/v1/artifacts', {
    query: { collection: scope.collection, project_path: scope.projectPath, refresh: refresh || undefined },
    signal,
  });
}

/** The artifacts of the scope; a new reloadKey (e.g. a job ended) reloads them. */
export function useArtifacts(scope: Scope, reloadKey: number): Resource<ArtifactList> {
  return useResource((signal) => getArtifacts(scope, signal), [scope.collection, scope.projectPath, reloadKey]);
}
