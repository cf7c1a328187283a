import { pathName } from '../lib/format';
import { isTerminal, type Job } from '../types/api';
import { jobFailure } from './dry-run-plan';
import { ErrorState, Loading } from './states';
import { JobStateBadge } from './status-badge';

/**
 * An applied job: its progress while it runs, then each artifact's outcome, per project for a job
 * over several (or why it failed).
 */
export function JobProgress({ job, label }: { job: Job; label: string }) {
  if (!isTerminal(job.state)) {
    return (
      <div className="progress-line">
        <JobStateBadge state={job.state} />
        <progress max={100} value={job.pct} aria-label={`${label} progress`} />
        <Loading label={`${label}… ${job.pct}%`} />
      </div>
    );
  }
  return (
    <section className="job-result" aria-label={`${label} result`}>
      <p>
        <JobStateBadge state={job.state} /> {label}: {job.state === 'success' ? 'done.' : `ended ${job.state}.`}
      </p>
      {job.artifacts.length > 0 && (
        <ul className="plain small">
          {job.artifacts.map((a) => (
            <li key={`${a.project_path ?? ''}|${a.artifact_id}`}>
              {a.project_path && (
                <strong title={a.project_path}>{pathName(a.project_path)}: </strong>
              )}
              <code>{a.artifact_id}</code> {a.outcome}
              {a.reason && <span className="muted">: {a.reason}</span>}
            </li>
          ))}
        </ul>
      )}
      {job.state === 'error' && <ErrorState message={jobFailure(job, 'The job failed.')} />}
    </section>
  );
}
