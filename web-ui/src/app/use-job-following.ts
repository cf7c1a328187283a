import { useJobTracker } from '../features/jobs';
import type { JobFollowing } from '../lib/use-planned-job';

/** What a feature's preview-then-apply flows need from the job tracker: applied jobs end with a toast. */
export function useJobFollowing(): JobFollowing {
  const tracker = useJobTracker();
  return {
    jobs: tracker.jobs,
    onStarted: (job, label, dryRun) => tracker.track(job, { label, notify: !dryRun }),
  };
}
