import { directionLabel, pluralize } from '../../lib/format';
import type { Job, JobKind } from '../../types/api';

const KIND_NAMES: Record<JobKind, string> = {
  sync: 'Sync',
  resolve: 'Resolve',
  patch: 'Patch export',
  create_collection: 'Create collection',
  add: 'Add',
  pin: 'Pin',
  remove: 'Remove',
  undeploy: 'Undeploy',
  rollback: 'Rollback',
};

/** What a job did, for its row in the jobs panel, e.g. "Resolve, Collection → Project". */
export function jobTitle(job: Pick<Job, 'kind' | 'direction'>): string {
  switch (job.kind) {
    case 'sync':
      return job.direction ? directionLabel(job.direction) : 'Sync';
    case 'resolve':
      return job.direction ? `Resolve, ${directionLabel(job.direction)}` : 'Resolve';
    case 'create_collection':
      return 'Create collection';
    case 'add':
      return 'Add from upstream';
    case 'pin':
      return 'Pin / bump';
    case 'remove':
      return 'Remove from collection';
    case 'undeploy':
      return 'Undeploy from project';
    case 'rollback':
      return job.direction === 'collection_to_project' ? 'Roll back project' : 'Roll back collection';
    default:
      return KIND_NAMES[job.kind] ?? job.kind;
  }
}

/** The headline of a toast or a job row for a job in this state. */
export function jobHeadline(job: Pick<Job, 'kind' | 'state'>): string {
  const name = KIND_NAMES[job.kind] ?? 'Job';
  switch (job.state) {
    case 'success':
      return `${name} finished`;
    case 'conflict':
      return `${name} ended with conflicts`;
    case 'error':
      return `${name} failed`;
    case 'canceled':
      return `${name} canceled`;
    case 'queued':
      return `${name} queued`;
    case 'running':
      return `${name} running`;
  }
}

/** One line on what a job did: outcome counts, conflicts, or why it failed. */
export function jobSummary(job: Job): string {
  if (job.state === 'error') {
    const failed = job.artifacts.find((a) => a.outcome === 'error');
    const lastLog = job.log_excerpt?.trim().split('\n').pop();
    return failed?.reason ?? lastLog ?? 'The job failed.';
  }
  if (job.kind === 'resolve' && job.unresolved_files.length > 0) {
    return `${pluralize(job.unresolved_files.length, 'file')} still unresolved.`;
  }
  if (job.state === 'conflict') {
    return `${pluralize(job.conflicts.length, 'conflicted file')} to resolve.`;
  }
  if (job.state === 'canceled') {
    const written = job.artifacts.filter(
      (a) => a.outcome !== 'error' && a.outcome !== 'skipped' && a.outcome !== 'unchanged',
    ).length;
    return written === 0
      ? 'Canceled before anything was written.'
      : `Canceled; ${pluralize(written, 'artifact')} written before the cancel took effect.`;
  }
  if (job.kind === 'patch' && job.state === 'success') {
    return 'The patch bundle is ready to download.';
  }
  const counts = new Map<string, number>();
  for (const a of job.artifacts) {
    counts.set(a.outcome, (counts.get(a.outcome) ?? 0) + 1);
  }
  if (counts.size === 0) {
    return job.request?.dry_run ? 'Dry run: nothing written.' : 'Nothing to do.';
  }
  return [...counts.entries()].map(([outcome, n]) => `${n} ${outcome}`).join(', ');
}
