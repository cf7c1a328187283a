import { useState } from 'react';
import { Drawer } from '../../components/drawer';
import { Empty, ErrorState, Loading } from '../../components/states';
import { JobStateBadge } from '../../components/status-badge';
import { errorMessage } from '../../lib/api-client';
import { formatDuration, formatTime, pluralize } from '../../lib/format';
import { isTerminal, type Job } from '../../types/api';
import { cancelJob } from './api/cancel-job';
import { useRecentJobs } from './api/list-jobs';
import { useJobTracker } from './job-tracker';
import { jobTitle } from './job-summary';

interface JobsPanelProps {
  onClose: () => void;
  onResolve: (job: Job) => void;
  onInspect: (jobId: string) => void;
}

function JobRow({ job, onResolve, onInspect }: { job: Job; onResolve: () => void; onInspect: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const { update } = useJobTracker();
  const skipped = job.artifacts.filter((a) => a.outcome === 'skipped' || a.outcome === 'error');
  const ids = job.request?.artifact_ids;
  const projects = job.request?.project_paths?.length ?? 0;
  const what =
    (job.kind === 'create_collection' ? `collection ${job.request?.collection ?? ''}` : ids?.length === 1 ? ids[0] : `${ids?.length ?? 'all'} artifacts`) +
    (projects > 0 ? ` → ${pluralize(projects, 'project')}` : '');
  return (
    <li className="job-row" aria-label={`${job.kind} job ${job.job_id}, ${job.state}`}>
      <div className="job-line">
        <JobStateBadge state={job.state} />
        <strong>{jobTitle(job)}</strong>
        {job.request?.dry_run && <span className="tag">dry run</span>}
      </div>
      <div className="job-line muted small">
        <span>{what}</span>
        <span>{formatTime(job.created_at)}</span>
        <span>Duration {formatDuration(job.duration_ms)}</span>
      </div>
      <div className="job-line">
        <progress max={100} value={job.pct} aria-label={`Progress of job ${job.job_id}`} />
        <span className="small">{job.pct}%</span>
        <span className="muted small">{job.phase}</span>
      </div>
      {job.waiting_reason && <p className="small muted">Waiting: {job.waiting_reason}</p>}
      {skipped.length > 0 && (
        <ul className="plain small">
          {skipped.map((a) => (
            <li key={a.artifact_id}>
              <span aria-hidden="true">⤼ </span>
              <code>{a.artifact_id}</code> {a.outcome}: {a.reason ?? 'no reason given'}
            </li>
          ))}
        </ul>
      )}
      {error && <p className="form-error">{error}</p>}
      <div className="job-line">
        {job.state === 'conflict' && job.kind !== 'patch' && (
          <button type="button" className="btn btn-small btn-primary" onClick={onResolve}>
            Resolve…
          </button>
        )}
        {!isTerminal(job.state) && (
          <button type="button" className="btn btn-small" onClick={() => cancelJob(job.job_id).then(update, (e) => setError(errorMessage(e)))}>
            Cancel
          </button>
        )}
        <button type="button" className="btn btn-small btn-ghost" onClick={onInspect}>
          Details
        </button>
      </div>
    </li>
  );
}

/** Recent jobs with state, progress, duration and why anything was skipped; live while open. */
export function JobsPanel({ onClose, onResolve, onInspect }: JobsPanelProps) {
  const { jobs: live, endedCount, tracked } = useJobTracker();
  const recent = useRecentJobs(endedCount + tracked.length);
  const listed = recent.data?.items.map((j) => live[j.job_id] ?? j) ?? [];
  const known = new Set(listed.map((j) => j.job_id));
  const newer = tracked.map((t) => live[t.jobId]).filter((j): j is Job => Boolean(j) && !known.has(j.job_id));
  const jobs = [...newer, ...listed];
  return (
    <Drawer title="Jobs" side="right" onClose={onClose}>
      {recent.error && !recent.data ? (
        <ErrorState message={`Could not load the jobs: ${recent.error}`} onRetry={recent.reload} />
      ) : !recent.data ? (
        <Loading label="Loading jobs…" />
      ) : jobs.length === 0 ? (
        <Empty title="No jobs yet.">
          <p className="muted">Run Sync / Update on an artifact to start one.</p>
        </Empty>
      ) : (
        <ul className="plain job-list">
          {jobs.map((job) => (
            <JobRow key={job.job_id} job={job} onResolve={() => onResolve(job)} onInspect={() => onInspect(job.job_id)} />
          ))}
        </ul>
      )}
    </Drawer>
  );
}
