import type { ReactNode } from 'react';
import { isTerminal, type Job } from '../types/api';
import { PlanTable } from './plan-table';
import { ErrorState, Loading } from './states';
import { JobStateBadge } from './status-badge';

/** The last line of a job's log: why a job that did not succeed ended as it did. */
export function jobFailure(job: Job, fallback: string): string {
  return job.log_excerpt?.trim().split('\n').pop() || fallback;
}

/**
 * A dry-run job as it plans: its progress while it runs, then the plan (or why it failed).
 * `children` go between the heading and the table (e.g. what applying will do).
 */
export function DryRunPlan({ job, children }: { job: Job; children?: ReactNode }) {
  if (!isTerminal(job.state)) {
    return (
      <div className="progress-line">
        <JobStateBadge state={job.state} />
        <progress max={100} value={job.pct} aria-label="Dry run progress" />
        <Loading label={`Planning… ${job.pct}%`} />
      </div>
    );
  }
  return (
    <section aria-labelledby={`plan-heading-${job.job_id}`} className="plan">
      <h3 id={`plan-heading-${job.job_id}`}>
        Plan <JobStateBadge state={job.state} />
      </h3>
      {job.state === 'success' ? (
        <>
          {children}
          <PlanTable plans={job.plans} />
        </>
      ) : (
        <ErrorState message={jobFailure(job, 'The dry run did not finish.')} />
      )}
    </section>
  );
}
