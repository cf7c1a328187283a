import { api } from '../../../lib/api-client';
import type { ArtifactType, Job } from '../../../types/api';

export interface ArtifactSource {
  path: string;
  type: ArtifactType;
  name: string;
}

export interface AddArtifactsRequest {
  upstream: string;
  /** The branch, tag or commit to follow; absent: the default branch (`latest`). */
  ref?: string;
  artifacts: ArtifactSource[];
  dry_run: boolean;
}

export function addArtifacts(collection: string, request: AddArtifactsRequest): Promise<Job> {
  return api<Job>(`/api/v1/collections/${encodeURIComponent(collection)}/artifacts`, { method: 'POST', body: request });
}
