import { isTerminal, type Job } from '../../types/api';
import { useJobTracker } from './job-tracker';

/** The header's Jobs button; while jobs of this session run, it shows how many and their mean progress. */
export function JobsButton({ onOpen }: { onOpen: () => void }) {
  const { jobs, tracked } = useJobTracker();
  const running = tracked.map((t) => jobs[t.jobId]).filter((j): j is Job => Boolean(j) && !isTerminal(j.state));
  const pct = running.length === 0 ? 0 : Math.round(running.reduce((n, j) => n + j.pct, 0) / running.length);
  return (
    <button type="button" className="btn jobs-button" onClick={onOpen} aria-label={running.length > 0 ? `Jobs: ${running.length} running, ${pct}%` : 'Jobs'}>
      Jobs
      {running.length > 0 && (
        <span className="progress-badge">
          <span className="spin" aria-hidden="true">
            ⟳
          </span>{' '}
          {running.length} running · {pct}%
        </span>
      )}
    </button>
  );
}
