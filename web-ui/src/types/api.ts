/** Types of the tiersync REST API (docs/api.md); field names are the wire's snake_case. */

/** Status of one edge, mirroring the backend's SyncStatus enum. */
/** `error`: the artifact's entry in a tier file breaks a rule (the item's `error` says which). */
export type SyncStatus = 'synced' | 'missing' | 'removed' | 'outdated' | 'modified' | 'diverged' | 'conflict' | 'error';

export const SYNC_STATUSES: readonly SyncStatus[] = [
  'synced',
  'outdated',
  'modified',
  'diverged',
  'conflict',
  'missing',
  'removed',
  'error',
];

/** An edge's status as the fleet and the watch report it: `unreachable` when the upstream cannot be read. */
export type EdgeStatus = SyncStatus | 'unreachable';

export type ArtifactType = 'skill' | 'command' | 'agent' | 'hook' | 'mcp';

export const ARTIFACT_TYPES: readonly ArtifactType[] = ['skill', 'command', 'agent', 'hook', 'mcp'];

export type Tier = 'upstream' | 'collection' | 'project' | 'base';

export type Direction = 'upstream_to_collection' | 'collection_to_project' | 'project_to_collection' | 'project_to_upstream';

export type Strategy = 'auto' | 'ours' | 'theirs';

export type JobState = 'queued' | 'running' | 'success' | 'conflict' | 'error' | 'canceled';

export type JobKind = 'sync' | 'resolve' | 'patch' | 'create_collection' | 'add' | 'pin' | 'remove' | 'undeploy' | 'rollback';

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  field?: string;
}

export interface WorkspaceProject {
  name: string;
  path: string;
}

export interface Workspace {
  collections: string[];
  projects: WorkspaceProject[];
  ui_toasts: boolean;
  patch_format: string;
}

export type AutoUpdate = 'off' | 'clean';

/** An artifact's hold and auto-update policy (docs/api.md, Hold and auto-update). */
export interface Policy {
  /** True only while the hold applies (not expired). */
  held: boolean;
  hold_reason: string | null;
  hold_until: string | null;
  /** `hold = true` is written but `hold_until` has passed. */
  hold_expired: boolean;
  auto_update: AutoUpdate;
}

/** PUT …/policy: each key optional (absent keeps the current value); `hold: null` releases. */
export interface PolicyChange {
  hold?: { reason: string; until: string | null } | null;
  auto_update?: AutoUpdate;
}

export interface StatusView {
  upstream_to_collection: SyncStatus | null;
  collection_to_project: SyncStatus | null;
  overall: SyncStatus | null;
  upstream_to_collection_reason: string | null;
  collection_to_project_reason: string | null;
}

export interface ArtifactItem {
  artifact_id: string;
  type: ArtifactType;
  name: string;
  status: StatusView;
  upstream_hash: string | null;
  collection_hash: string | null;
  project_hash: string | null;
  upstream_error: string | null;
  /** A bad entry in a tier file: "<file>:<line>: <key>: <reason>"; null when the artifact is fine. */
  error?: string | null;
  /** When the artifact's upstream repository was last fetched (ISO-8601); null when it never was. */
  upstream_checked_at?: string | null;
  policy?: Policy;
  /** The collection's last rollback, while it still holds the version the rollback wrote. */
  collection_rolled_back?: RolledBack | null;
  /** The project's last rollback, likewise. */
  project_rolled_back?: RolledBack | null;
}

/** A rollback of one tier's copy: it held `from_hash` and was given back `to_hash`. */
export interface RolledBack {
  from_hash: string | null;
  to_hash: string;
  at: string;
  job_id: string | null;
}

/** The tiers a rollback writes (tiersync never writes the upstream). */
export type RollbackTier = 'collection' | 'project';

export interface ArtifactList {
  collection: string;
  project_path: string | null;
  total: number;
  items: ArtifactItem[];
}

export interface LineageStep {
  hash: string | null;
  at: string | null;
  note: string | null;
  commit: string | null;
  /** Upstream only: the commit's author. */
  author?: string | null;
}

export interface TierVersion {
  hash: string | null;
  timestamp: string | null;
  source: string | null;
  path: string | null;
  ref: string | null;
  commit: string | null;
  lineage: LineageStep[];
  base_hash: string | null;
  behind: number | null;
  /** Upstream only: when its repository was last fetched; null when it never was. */
  checked_at?: string | null;
  /** Collection and project: the tier's last rollback, while it still holds the version it wrote. */
  rolled_back?: RolledBack | null;
}

export interface ArtifactVersions {
  artifact_id: string;
  upstream: TierVersion | null;
  collection: TierVersion | null;
  project: TierVersion | null;
  status: StatusView;
  upstream_error: string | null;
  policy?: Policy;
}

export type FileStatus = 'added' | 'removed' | 'modified' | 'unchanged';

export interface DiffFile {
  path: string;
  status: FileStatus;
  lines_added: number;
  lines_removed: number;
  binary: boolean;
  old_size: number | null;
  new_size: number | null;
  old_sha256: string | null;
  new_sha256: string | null;
  old_mode: string | null;
  new_mode: string | null;
  line_endings_only: boolean;
  unified_diff: string | null;
  omitted_reason: string | null;
  download_url: string | null;
}

export interface DiffSummary {
  files_added: number;
  files_removed: number;
  files_modified: number;
  lines_added: number;
  lines_removed: number;
}

/** One version of one tier in an artifact's history (GET /api/v1/artifacts/{id}/history). */
export interface HistoryEntry {
  hash: string | null;
  at: string | null;
  /** `job`: a tiersync job wrote it; `outside`: an upstream commit, or an edit seen on disk. */
  source: 'job' | 'outside';
  job_id: string | null;
  actor: string | null;
  note: string | null;
  upstream_commit: string | null;
  upstream_subject: string | null;
}

/** Every version each tier of an artifact had, oldest first. */
export interface ArtifactHistory {
  artifact_id: string;
  upstream: HistoryEntry[];
  collection: HistoryEntry[];
  project: HistoryEntry[];
}

/** An entry of the history picked for a diff: the tier it is from and its content hash. */
export interface VersionPick {
  tier: Tier;
  hash: string;
}

export interface DiffView {
  artifact_id: string;
  lhs: Tier;
  rhs: Tier;
  lhs_hash: string | null;
  rhs_hash: string | null;
  identical: boolean;
  files: DiffFile[];
  summary: DiffSummary;
  truncated: boolean;
  truncated_reason: string | null;
  download_url: string | null;
}

export interface JobArtifact {
  artifact_id: string;
  /** Jobs over several projects (`project_paths`): the project this result is for. */
  project_path?: string | null;
  outcome: 'created' | 'updated' | 'merged' | 'unchanged' | 'skipped' | 'conflict' | 'removed' | 'error';
  reason: string | null;
  files_added: number;
  files_removed: number;
  files_modified: number;
  before_hash: string | null;
  after_hash: string | null;
}

export interface JobConflict {
  artifact_id: string;
  path: string;
  kind: string;
}

export interface JobPlan {
  artifact_id: string;
  /** Jobs over several projects (`project_paths`): the project this plan is for. */
  project_path?: string | null;
  action: 'create' | 'update' | 'merge' | 'conflict' | 'none' | 'skip' | 'remove' | 'error';
  /** Why the artifact cannot be synced (action `error`). */
  error?: string | null;
  reason: string | null;
  files_added: string[];
  files_removed: string[];
  files_modified: string[];
  predicted_conflicts: JobConflict[];
}

export interface JobRequestView {
  artifact_ids: string[] | null;
  collection: string | null;
  project_path: string | null;
  /** A collection → project sync over several projects. */
  project_paths?: string[] | null;
  strategy: Strategy;
  dry_run: boolean;
}

/** Patch jobs' result; the server sends every value as a string. */
export interface PatchResult {
  download_url?: string;
  file_name?: string;
  format?: string;
  sha256?: string;
  size_bytes?: string | number;
  trial_apply?: 'clean' | 'conflict' | 'unknown';
  github_pr_url?: string;
  suggested_branch?: string;
}

export interface Job {
  job_id: string;
  kind: JobKind;
  /** Null for jobs that move nothing between tiers (create_collection). */
  direction: Direction | null;
  state: JobState;
  pct: number;
  phase: string;
  waiting_reason: string | null;
  created_at: string | null;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
  trace_id: string | null;
  status_url: string;
  log_excerpt: string | null;
  request: JobRequestView | null;
  artifacts: JobArtifact[];
  plans: JobPlan[];
  conflicts: JobConflict[];
  unresolved_files: string[];
  result: PatchResult;
}

export interface JobPage {
  items: Job[];
  total: number;
  limit: number;
  offset: number;
}

/** A job that moved artifacts from one tier to another: the only kind that can end in conflict. */
export type DirectedJob = Job & { direction: Direction };

export function isDirected(job: Job): job is DirectedJob {
  return job.direction !== null;
}

export const TERMINAL_STATES: readonly JobState[] = ['success', 'conflict', 'error', 'canceled'];

export function isTerminal(state: JobState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** The last commit that touched an upstream path, or one of the commits an artifact is behind. */
export interface UpstreamCommit {
  sha: string;
  date: string;
  author: string;
  subject: string;
}

/** One artifact a Git repository holds (GET /api/v1/upstreams/artifacts). */
export interface UpstreamItem {
  artifact_id: string;
  type: ArtifactType;
  name: string;
  path: string;
  description: string | null;
  last_commit: UpstreamCommit | null;
}

export interface UpstreamListing {
  url: string;
  repository: string;
  ref: string;
  commit: string;
  items: UpstreamItem[];
}

/** The upstream commits that touched an artifact since the collection's resolved commit. */
export interface UpstreamCommits {
  artifact_id: string;
  repository: string;
  /** The entry's version_spec as written (latest, a branch, tag or commit); null without one. */
  version_spec: string | null;
  /** The branch, tag or commit that version_spec resolves to (latest: the default branch's name). */
  ref: string;
  resolved_sha: string | null;
  head_sha: string | null;
  /** Null when the collection records no resolved commit to count from. */
  behind: number | null;
  items: UpstreamCommit[];
}

/** One project column of the fleet, with its cells' counts per status. */
export interface FleetProject {
  /** A path on the server, or `host:path` for a project on a host. */
  path: string;
  name: string;
  counts: StatusCounts;
  /** The host whose agent serves the project; absent for a project on the server. */
  host?: string;
  /** Whether the host's agent answered just now; false: the column is its last answer (`as_of`). */
  online?: boolean;
  /** When the host's agent gave the answer the column comes from. */
  as_of?: string;
  /** Why the host is offline. */
  offline_reason?: string;
}

/** One (artifact, project) cell: the collection → project edge and the overall status. */
export interface FleetCell {
  project_path: string;
  /** `missing` where the project lacks the artifact; null where neither has it. */
  collection_to_project: SyncStatus | null;
  reason: string | null;
  overall: EdgeStatus | null;
}

export interface FleetArtifact {
  artifact_id: string;
  type: ArtifactType;
  name: string;
  /** `unreachable` when the upstream cannot be read from the mirror (`upstream_reason` says why). */
  upstream_to_collection: EdgeStatus | null;
  upstream_reason: string | null;
  policy: Policy | null;
  error: string | null;
  /** One per project, in the answer's `projects` order. */
  cells: FleetCell[];
}

export type StatusCounts = Partial<Record<EdgeStatus, number>>;

/** GET /api/v1/fleet: the collection's artifacts × the known projects. */
export interface Fleet {
  collection: string;
  generated_at: string;
  upstream_checked_at: string | null;
  projects: FleetProject[];
  artifacts: FleetArtifact[];
  counts: { upstream_to_collection: StatusCounts; collection_to_project: StatusCounts; overall: StatusCounts };
  errors: { file: string; line: number | null; key: string | null; message: string }[];
}


/** The watch's transition event (SSE event `drift`): one cell changed status between two passes. */
export interface DriftEvent {
  event_id: string;
  at: string;
  collection: string;
  artifact_id: string;
  /** Null for the upstream edge. */
  project_path: string | null;
  edge: 'upstream_to_collection' | 'collection_to_project';
  from: EdgeStatus | null;
  /** Null when the cell disappeared (artifact removed, project gone). */
  to: EdgeStatus | null;
  reason: string | null;
  upstream: { repository: string; ref: string; from_sha: string | null; to_sha: string | null; commits: UpstreamCommit[] } | null;
  held: boolean;
  hold_reason: string | null;
  auto_update: AutoUpdate;
  /** What the watch did: null, `held`, `auto_update:<job_id>` or `not_updated:conflict`. */
  action: string | null;
}
