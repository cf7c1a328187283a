import { act, render } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { vi } from 'vitest';
import { mockFetch, type Call } from '../../test/fetch-mock';
import type { Job } from '../../types/api';
import { JobTrackerProvider, useJobTracker, type JobTracker, type TrackOptions } from './job-tracker';

/** The server's side of the job reads (GET /api/v1/sync/jobs/{id}) and of the calls around them. */
export interface FakeJobServer {
  /** The job documents a read answers with, by id; a read of an unknown id answers 404. */
  docs: Map<string, Job>;
  /** While true, every call answers 503. */
  down: boolean;
  calls: Call[];
  /** How many times the job was read. */
  reads: (jobId: string) => number;
}

/**
 * Replaces fetch with a fake job server; `route` answers the other calls (job list, cancel), and
 * job reads it leaves unanswered go to `docs`.
 */
export function fakeJobServer(route: (call: Call) => { status?: number; body?: unknown } | undefined = () => undefined): FakeJobServer {
  const server: FakeJobServer = {
    docs: new Map(),
    down: false,
    calls: [],
    reads: (jobId) => server.calls.filter((c) => c.method === 'GET' && c.url === `/api/v1/sync/jobs/${jobId}`).length,
  };
  server.calls = mockFetch((call) => {
    if (server.down) {
      return { status: 503, body: { status: 503, detail: 'the server is restarting' } };
    }
    const answer = route(call);
    if (answer || call.method !== 'GET') {
      return answer;
    }
    const doc = server.docs.get(decodeURIComponent(call.url.replace('/api/v1/sync/jobs/', '')));
    return doc ? { body: doc } : undefined;
  });
  return server;
}

export interface RenderedTracker {
  /** The tracker as the components below the provider see it. */
  tracker: () => JobTracker;
  unmount: () => void;
}

/** Renders `children` inside a JobTrackerProvider, with the tracker at hand for the test. */
export function renderTracker(children: ReactNode, options: { toastsEnabled?: boolean; strict?: boolean } = {}): RenderedTracker {
  const seen: { current: JobTracker | null } = { current: null };
  function Expose() {
    seen.current = useJobTracker();
    return null;
  }
  const tree = (
    <JobTrackerProvider toastsEnabled={options.toastsEnabled ?? true}>
      {children}
      <Expose />
    </JobTrackerProvider>
  );
  const view = render(options.strict ? <StrictMode>{tree}</StrictMode> : tree);
  return {
    tracker: () => {
      if (!seen.current) {
        throw new Error('the tracker has not rendered');
      }
      return seen.current;
    },
    unmount: view.unmount,
  };
}

/** Lets fake time pass, with the reads it starts answered and their updates rendered. */
export async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** Starts tracking a job the way a dialog does after creating it, and lets the first read answer. */
export async function track(rendered: RenderedTracker, job: Job, options: TrackOptions): Promise<void> {
  await act(async () => {
    rendered.tracker().track(job, options);
    await vi.advanceTimersByTimeAsync(0);
  });
}
