import { render } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { vi } from 'vitest';
import type { Job } from '../types/api';
import type { JobFollowing } from '../lib/use-planned-job';

/**
 * Stands in for the app shell's job tracker: it keeps the jobs a dialog starts as the server
 * answered them, and records what was started (label, dry run).
 */
export function renderWithJobs(dialog: (following: JobFollowing) => ReactNode) {
  const started = vi.fn<JobFollowing['onStarted']>();
  function Shell() {
    const [jobs, setJobs] = useState<Record<string, Job>>({});
    return (
      <>
        {dialog({
          jobs,
          onStarted: (job, label, dryRun) => {
            started(job, label, dryRun);
            setJobs((all) => ({ ...all, [job.job_id]: job }));
          },
        })}
      </>
    );
  }
  render(<Shell />);
  return { started };
}

/** A plan line for tests. */
export function plan(artifactId: string, action: Job['plans'][number]['action'], filesAdded: string[] = [], reason: string | null = null) {
  return { artifact_id: artifactId, action, reason, files_added: filesAdded, files_removed: [], files_modified: [], predicted_conflicts: [] };
}
