import { api } from '../../../lib/api-client';

/**
 * One region of the engine's three-way merge of a file (0-based line ranges and their text; in a
 * file whose front matter was merged key by key, text only: the line numbers are null).
 */
export interface MergeHunk {
  kind: 'common' | 'ours' | 'theirs' | 'conflict';
  /** `both` for common lines, the side's tier for one-sided changes, null for a conflict. */
  from: string | null;
  /** The front matter key a conflict is about; null otherwise. */
  key: string | null;
  base_start: number | null;
  base_count: number | null;
  ours_start: number | null;
  ours_count: number | null;
  theirs_start: number | null;
  theirs_count: number | null;
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
