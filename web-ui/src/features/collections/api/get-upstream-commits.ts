import { api } from '../../../lib/api-client';
import { useResource, type Resource } from '../../../lib/use-resource';
import type { UpstreamCommits } from '../../../types/api';

export function getUpstreamCommits(artifactId: string, collection: string, signal?: AbortSignal): Promise<UpstreamCommits> {
  return api<UpstreamCommits>(`/api/v1/artifacts/${encodeURIComponent(artifactId)}/upstream/commits`, { query: { collection }, signal });
}

/** The upstream commits an artifact is behind; a new reloadKey (e.g. a job ended) reloads them. */
export function useUpstreamCommits(artifactId: string, collection: string, reloadKey: number): Resource<UpstreamCommits> {
  return useResource((signal) => getUpstreamCommits(artifactId, collection, signal), [artifactId, collection, reloadKey]);
}
