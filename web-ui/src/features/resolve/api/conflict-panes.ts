import { api } from '../../../lib/api-client';

/** One region of the engine's three-way merge of a file (0-based line ranges and their text). */
export interface MergeHunk {
  kind: 'common' | 'ours' | 'theirs' | 'conflict';
  /** `both` for common lines, the side's tier for one-sided changes, null for a conflict. */
  from: string | null;
  base_start: number;
  base_count: number;
  ours_start: number;
  ours_count: number;
  theirs_start: number;
  theirs_count: number;
  base: string;
  ours: string;
  theirs: string;
}

export interface FilePanes {
  path: string;
  kind: string;
  reason: string | null;
  binary: boolean;
  omitted_reason: string | null;
  front_matter: boolean;
  base: string | null;
  ours: string | null;
  theirs: string | null;
  hunks: MergeHunk[];
}

/** `GET /api/v1/sync/jobs/{job_id}/conflicts/{artifact_id}`. */
export interface ConflictPanes {
  job_id: string;
  artifact_id: string;
  direction: string;
  project_path: string | null;
  ours_tier: string;
  theirs_tier: string;
  base_hash: string | null;
  ours_hash: string | null;
  theirs_hash: string | null;
  files: FilePanes[];
}

export function fetchConflictPanes(jobId: string, artifactId: string, signal?: AbortSignal): Promise<ConflictPanes> {
  return api<ConflictPanes>(`/api/v1/sync/jobs/${encodeURIComponent(jobId)}/conflicts/${encodeURIComponent(artifactId)}`, { signal });
}
