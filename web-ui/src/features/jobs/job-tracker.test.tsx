import { act, fireEvent, render, screen } from '@testing-library/react';
import type { Mock } from 'vitest';
import { setToken } from '../../lib/auth';
import { stubEventSource, type FakeEventSource } from '../../test/event-source-stub';
import { job } from '../../test/fetch-mock';
import type { Job, JobArtifact, JobState } from '../../types/api';
import { jobSummary } from './job-summary';
import { JobToasts } from './job-toasts';
import { toastId, useJobTracker } from './job-tracker';
import { JobsButton } from './jobs-button';
import { advance, fakeJobServer, renderTracker, track, type FakeJobServer, type RenderedTracker } from './test-harness';

const LABEL = 'Upstream → Collection, skill:pdf-tools';
const NOTIFY = { label: LABEL, notify: true };

function syncJob(jobId: string, state: JobState, overrides: Partial<Job> = {}): Job {
  return job({
    job_id: jobId,
    direction: 'upstream_to_collection',
    state,
    request: { artifact_ids: ['skill:pdf-tools'], collection: 'default', project_path: null, strategy: 'auto', dry_run: false },
    ...overrides,
  });
}

function artifact(outcome: JobArtifact['outcome'], reason: string | null = null): JobArtifact {
  return {
    artifact_id: 'skill:pdf-tools',
    outcome,
    reason,
    files_added: 0,
    files_removed: 0,
    files_modified: 1,
    before_hash: null,
    after_hash: null,
  };
}

function jobsButtonLabel(): string | null {
  return screen.getByRole('button', { name: /^Jobs/ }).getAttribute('aria-label');
}

function toastTitles(): string[] {
  return [...document.querySelectorAll('.toast strong')].map((t) => t.textContent ?? '');
}

/** Checks that the job's next read comes exactly `ms` from now. */
async function expectNextReadAfter(server: FakeJobServer, jobId: string, ms: number) {
  const before = server.reads(jobId);
  await advance(ms - 1);
  expect(server.reads(jobId)).toBe(before);
  await advance(1);
  expect(server.reads(jobId)).toBe(before + 1);
}

/** The header's Jobs button and the toasts, as the workbench shows them. */
function renderShell(options: { toastsEnabled?: boolean; strict?: boolean } = {}): RenderedTracker & { onResolve: Mock<(jobId: string) => void> } {
  const onResolve = vi.fn<(jobId: string) => void>();
  const rendered = renderTracker(
    <>
      <JobsButton onOpen={() => {}} />
      <JobToasts onResolve={onResolve} />
    </>,
    options,
  );
  return { ...rendered, onResolve };
}

beforeEach(() => {
  vi.useFakeTimers();
  setToken('t0k3n');
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('JobTrackerProvider with the event stream', () => {
  let server: FakeJobServer;
  let streams: FakeEventSource[];

  beforeEach(() => {
    server = fakeJobServer();
    streams = stubEventSource();
  });

  function send(doc: Job) {
    act(() => streams[0].send(doc));
  }

  it('opens the stream with the token, as EventSource cannot send headers, and says it is live once open', () => {
    const shell = renderShell();

    expect(streams.map((s) => s.url)).toEqual(['/api/v1/sync/events?access_token=t0k3n']);
    expect(shell.tracker().mode).toBe('connecting');

    act(() => streams[0].open());

    expect(shell.tracker().mode).toBe('sse');
  });

  it('tracking a started job shows it on the Jobs button and reads it at once, in case the stream ran ahead', async () => {
    server.docs.set('job-1', syncJob('job-1', 'running', { pct: 30 }));
    const shell = renderShell();
    act(() => streams[0].open());
    expect(jobsButtonLabel()).toBe('Jobs');

    await track(shell, syncJob('job-1', 'queued'), NOTIFY);

    expect(server.reads('job-1')).toBe(1);
    expect(jobsButtonLabel()).toBe('Jobs: 1 running, 30%');
    expect(shell.tracker().tracked).toEqual([{ jobId: 'job-1', label: LABEL }]);
  });

  it('shows the progress the stream reports, as the mean of the jobs still running', async () => {
    const shell = renderShell();
    act(() => streams[0].open());
    for (const id of ['job-1', 'job-2']) {
      server.docs.set(id, syncJob(id, 'queued'));
      await track(shell, syncJob(id, 'queued'), NOTIFY);
    }

    send(syncJob('job-1', 'running', { pct: 20 }));
    send(syncJob('job-2', 'running', { pct: 60 }));

    expect(jobsButtonLabel()).toBe('Jobs: 2 running, 40%');
    expect(shell.tracker().tracked.map((t) => t.jobId)).toEqual(['job-2', 'job-1']);

    send(syncJob('job-1', 'success', { pct: 100, artifacts: [artifact('updated')] }));

    expect(jobsButtonLabel()).toBe('Jobs: 1 running, 60%');
    expect(toastTitles()).toEqual(['Sync finished']);
  });

  const endings: { state: JobState; extra: Partial<Job>; role: 'status' | 'alert'; icon: string; title: string; summary: string }[] = [
    {
      state: 'success',
      extra: { artifacts: [artifact('updated'), artifact('unchanged')] },
      role: 'status',
      icon: '✓',
      title: 'Sync finished',
      summary: '1 updated, 1 unchanged',
    },
    {
      state: 'conflict',
      extra: { artifacts: [artifact('conflict')], conflicts: [{ artifact_id: 'skill:pdf-tools', path: 'SKILL.md', kind: 'content' }] },
      role: 'alert',
      icon: '⚠',
      title: 'Sync ended with conflicts',
      summary: '1 conflicted file to resolve.',
    },
    {
      state: 'error',
      extra: { artifacts: [artifact('error', 'upstream unreachable')] },
      role: 'alert',
      icon: '✕',
      title: 'Sync failed',
      summary: 'upstream unreachable',
    },
    {
      state: 'error',
      extra: { log_excerpt: 'fetching upstream\ngit fetch timed out\n' },
      role: 'alert',
      icon: '✕',
      title: 'Sync failed',
      summary: 'git fetch timed out',
    },
    { state: 'canceled', extra: {}, role: 'alert', icon: '⊘', title: 'Sync canceled', summary: 'Canceled before anything was written.' },
  ];

  it.each(endings)('a job that ends in $state shows the toast $title ($role): $summary', async ({ state, extra, role, icon, title, summary }) => {
    const shell = renderShell();
    act(() => streams[0].open());
    server.docs.set('job-1', syncJob('job-1', 'running'));
    await track(shell, syncJob('job-1', 'running'), NOTIFY);

    send(syncJob('job-1', state, { pct: 100, ...extra }));

    const toast = screen.getByRole(role);
    expect(toast.className).toBe(`toast toast-${state}`);
    expect(toast.querySelector('.toast-icon')?.textContent).toBe(icon);
    expect(toast.querySelector('strong')?.textContent).toBe(title);
    expect(toast.querySelector('p')?.textContent).toBe(`${LABEL}: ${summary}`);
    expect(jobsButtonLabel()).toBe('Jobs');
    expect(shell.tracker().endedCount).toBe(1);
    const resolve = screen.queryByRole('button', { name: 'Resolve conflicts…' });
    expect(resolve !== null).toBe(state === 'conflict');
    if (resolve) {
      fireEvent.click(resolve);
      expect(shell.onResolve).toHaveBeenCalledWith('job-1');
    }
  });

  it('takes a success toast away after 8 s and keeps the others until they are dismissed', async () => {
    const shell = renderShell();
    act(() => streams[0].open());
    const ends: [string, JobState][] = [
      ['job-1', 'success'],
      ['job-2', 'conflict'],
      ['job-3', 'error'],
      ['job-4', 'canceled'],
    ];
    for (const [id] of ends) {
      server.docs.set(id, syncJob(id, 'running'));
      await track(shell, syncJob(id, 'running'), NOTIFY);
    }
    for (const [id, state] of ends) {
      send(syncJob(id, state));
    }
    expect(toastTitles()).toEqual(['Sync finished', 'Sync ended with conflicts', 'Sync failed', 'Sync canceled']);

    await advance(7999);
    expect(toastTitles()).toHaveLength(4);
    await advance(1);
    expect(toastTitles()).toEqual(['Sync ended with conflicts', 'Sync failed', 'Sync canceled']);

    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss notification' })[1]);
    expect(toastTitles()).toEqual(['Sync ended with conflicts', 'Sync canceled']);

    act(() => shell.tracker().dismiss(toastId('job-2', 'conflict')));
    expect(toastTitles()).toEqual(['Sync canceled']);
    await advance(60_000);
    expect(toastTitles()).toEqual(['Sync canceled']);
    expect(shell.tracker().endedCount).toBe(4);
  });

  it('never shows an ended job running again, and announces its end once', async () => {
    const shell = renderShell();
    act(() => streams[0].open());
    server.docs.set('job-1', syncJob('job-1', 'running'));
    await track(shell, syncJob('job-1', 'running'), NOTIFY);

    send(syncJob('job-1', 'success', { pct: 100 }));
    send(syncJob('job-1', 'running', { pct: 90 }));

    expect(shell.tracker().jobs['job-1'].state).toBe('success');
    expect(jobsButtonLabel()).toBe('Jobs');

    send(syncJob('job-1', 'success', { pct: 100 }));

    expect(toastTitles()).toEqual(['Sync finished']);
    expect(shell.tracker().endedCount).toBe(1);
  });

  it('ends a job at once when the stream reported its end before it was tracked', async () => {
    const shell = renderShell();
    act(() => streams[0].open());
    const ended = syncJob('job-1', 'success', { pct: 100, artifacts: [artifact('created')] });
    server.docs.set('job-1', ended);
    send(ended);
    expect(toastTitles()).toEqual([]);

    await track(shell, syncJob('job-1', 'queued'), NOTIFY);

    expect(shell.tracker().jobs['job-1'].state).toBe('success');
    expect(jobsButtonLabel()).toBe('Jobs');
    expect(toastTitles()).toEqual(['Sync finished']);
  });

  it('keeps jobs of other sessions seen on the stream, without counting or announcing them', () => {
    const shell = renderShell();
    act(() => streams[0].open());

    send(syncJob('cli-1', 'running', { pct: 50 }));
    send(syncJob('cli-1', 'success', { pct: 100 }));

    expect(shell.tracker().jobs['cli-1'].state).toBe('success');
    expect(shell.tracker().tracked).toEqual([]);
    expect(shell.tracker().endedCount).toBe(0);
    expect(jobsButtonLabel()).toBe('Jobs');
    expect(toastTitles()).toEqual([]);
  });

  it('ends a dry run without a toast, but counts it so views reload', async () => {
    const shell = renderShell();
    act(() => streams[0].open());
    server.docs.set('dry-1', syncJob('dry-1', 'running'));
    await track(shell, syncJob('dry-1', 'running'), { label: `Dry run: ${LABEL}`, notify: false });

    send(syncJob('dry-1', 'success'));

    expect(shell.tracker().endedCount).toBe(1);
    expect(toastTitles()).toEqual([]);
  });

  it('shows no toasts when the workspace turns them off (SYNC_UI_TOASTS), but still counts ended jobs', async () => {
    const shell = renderShell({ toastsEnabled: false });
    act(() => streams[0].open());
    server.docs.set('job-1', syncJob('job-1', 'running'));
    await track(shell, syncJob('job-1', 'running'), NOTIFY);

    send(syncJob('job-1', 'conflict'));

    expect(shell.tracker().endedCount).toBe(1);
    expect(toastTitles()).toEqual([]);
  });

  it('re-reads unfinished jobs every 10 s while the stream is up, in case an event was lost', async () => {
    const shell = renderShell();
    act(() => streams[0].open());
    await advance(2000);
    server.docs.set('job-1', syncJob('job-1', 'running', { pct: 10 }));
    await track(shell, syncJob('job-1', 'queued'), NOTIFY);
    expect(server.reads('job-1')).toBe(1);
    server.docs.set('job-1', syncJob('job-1', 'success', { pct: 100 }));

    await expectNextReadAfter(server, 'job-1', 10_000);

    expect(toastTitles()).toEqual(['Sync finished']);
    await advance(60_000);
    expect(server.reads('job-1')).toBe(2);
  });

  it('polls every 2 s while the stream is down, and goes back to the stream when it reconnects', async () => {
    const shell = renderShell();
    act(() => streams[0].open());
    await advance(2000);
    server.docs.set('job-1', syncJob('job-1', 'running'));
    await track(shell, syncJob('job-1', 'running'), NOTIFY);

    act(() => streams[0].drop());
    expect(shell.tracker().mode).toBe('polling');
    // Reads come every 2 s from the drop on, not only once the slower safety read falls due.
    await expectNextReadAfter(server, 'job-1', 2000);
    await expectNextReadAfter(server, 'job-1', 2000);
    await expectNextReadAfter(server, 'job-1', 2000);

    act(() => streams[0].open());
    expect(shell.tracker().mode).toBe('sse');
    await expectNextReadAfter(server, 'job-1', 2000);
    await expectNextReadAfter(server, 'job-1', 10_000);
    expect(streams).toHaveLength(1);
  });

  it('closes the stream and stops reading when it unmounts', async () => {
    const shell = renderShell();
    act(() => streams[0].open());
    server.docs.set('job-1', syncJob('job-1', 'running'));
    await track(shell, syncJob('job-1', 'running'), NOTIFY);

    shell.unmount();
    await advance(60_000);

    expect(streams[0].closed).toBe(true);
    expect(server.reads('job-1')).toBe(1);
  });

  it('keeps one stream open under StrictMode, whose effects run twice', async () => {
    const shell = renderShell({ strict: true });

    expect(streams).toHaveLength(2);
    expect(streams.map((s) => s.closed)).toEqual([true, false]);
    act(() => streams[1].open());
    server.docs.set('job-1', syncJob('job-1', 'running'));
    await track(shell, syncJob('job-1', 'running'), NOTIFY);
    act(() => streams[1].send(syncJob('job-1', 'success')));

    expect(toastTitles()).toEqual(['Sync finished']);
    await advance(2000);
    expect(server.reads('job-1')).toBe(1);
  });
});

describe('JobTrackerProvider without the event stream', () => {
  let server: FakeJobServer;

  beforeEach(() => {
    server = fakeJobServer();
    vi.stubGlobal(
      'EventSource',
      class {
        constructor() {
          throw new Error('EventSource is not supported');
        }
      },
    );
  });

  it('polls each unfinished tracked job every 2 s, and stops once it ended', async () => {
    const shell = renderShell();
    expect(shell.tracker().mode).toBe('polling');
    server.docs.set('job-1', syncJob('job-1', 'queued'));
    server.docs.set('job-2', syncJob('job-2', 'running', { pct: 40 }));
    await track(shell, syncJob('job-1', 'queued'), NOTIFY);
    await track(shell, syncJob('job-2', 'queued'), NOTIFY);

    await advance(1999);
    expect([server.reads('job-1'), server.reads('job-2')]).toEqual([1, 1]);
    server.docs.set('job-1', syncJob('job-1', 'running', { pct: 80 }));
    await advance(1);
    expect([server.reads('job-1'), server.reads('job-2')]).toEqual([2, 2]);
    expect(jobsButtonLabel()).toBe('Jobs: 2 running, 60%');

    server.docs.set('job-1', syncJob('job-1', 'success', { pct: 100 }));
    await advance(2000);
    expect(toastTitles()).toEqual(['Sync finished']);
    expect(jobsButtonLabel()).toBe('Jobs: 1 running, 40%');

    await advance(4000);
    expect([server.reads('job-1'), server.reads('job-2')]).toEqual([3, 5]);
  });

  it('backs off after failed polls, doubling up to 30 s, and polls every 2 s again once the server answers', async () => {
    const shell = renderShell();
    server.docs.set('job-1', syncJob('job-1', 'running'));
    server.down = true;
    await track(shell, syncJob('job-1', 'running'), NOTIFY);
    expect(server.reads('job-1')).toBe(1);

    for (const wait of [2000, 4000, 8000, 16_000, 30_000, 30_000]) {
      await expectNextReadAfter(server, 'job-1', wait);
    }
    server.down = false;
    server.docs.set('job-1', syncJob('job-1', 'running', { pct: 70 }));
    await expectNextReadAfter(server, 'job-1', 30_000);
    await expectNextReadAfter(server, 'job-1', 2000);

    expect(jobsButtonLabel()).toBe('Jobs: 1 running, 70%');
  });

  it('drops a job the server no longer knows, without slowing the reads of the others', async () => {
    const shell = renderShell();
    server.docs.set('job-1', syncJob('job-1', 'running'));
    server.docs.set('job-2', syncJob('job-2', 'running', { pct: 40 }));
    await track(shell, syncJob('job-1', 'running'), NOTIFY);
    await track(shell, syncJob('job-2', 'running', { pct: 40 }), NOTIFY);
    server.docs.delete('job-1');

    await expectNextReadAfter(server, 'job-1', 2000);
    await expectNextReadAfter(server, 'job-2', 2000);
    await advance(10_000);

    expect(server.reads('job-1')).toBe(2);
    expect(jobsButtonLabel()).toBe('Jobs: 1 running, 40%');
    expect(shell.tracker().tracked.map((t) => t.jobId)).toEqual(['job-2']);
  });

  it('says what a canceled job had already written', () => {
    const canceled = syncJob('job-9', 'canceled', { artifacts: [artifact('updated'), artifact('skipped', 'busy')] });
    expect(jobSummary(canceled)).toBe('Canceled; 1 artifact written before the cancel took effect.');
  });

  it('stops polling when it unmounts', async () => {
    const shell = renderShell();
    server.docs.set('job-1', syncJob('job-1', 'running'));
    await track(shell, syncJob('job-1', 'running'), NOTIFY);

    shell.unmount();
    await advance(60_000);

    expect(server.reads('job-1')).toBe(1);
  });
});

describe('useJobTracker', () => {
  it('needs a JobTrackerProvider', () => {
    function Orphan() {
      useJobTracker();
      return null;
    }
    vi.spyOn(console, 'error').mockImplementation(() => {});

    expect(() => render(<Orphan />)).toThrow('useJobTracker needs a JobTrackerProvider');
  });
});
