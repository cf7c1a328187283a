import { act, screen } from '@testing-library/react';
import { setToken } from '../../lib/auth';
import { stubEventSource, type FakeEventSource } from '../../test/event-source-stub';
import { driftEvent, job } from '../../test/fetch-mock';
import type { DriftEvent } from '../../types/api';
import { JobToasts } from './job-toasts';
import { DRIFT_RELOAD_MS } from './job-tracker';
import { advance, fakeJobServer, renderTracker, type FakeJobServer, type RenderedTracker } from './test-harness';

beforeEach(() => {
  vi.useFakeTimers();
  setToken('t0k3n');
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('drift events from the stream', () => {
  let server: FakeJobServer;
  let streams: FakeEventSource[];

  beforeEach(() => {
    server = fakeJobServer();
    streams = stubEventSource();
  });

  function renderToasts(toastsEnabled = true): RenderedTracker {
    const shell = renderTracker(<JobToasts onResolve={() => {}} />, { toastsEnabled });
    act(() => streams[0].open());
    return shell;
  }

  function drift(event: DriftEvent) {
    act(() => streams[0].drift(event));
  }

  it('shows a toast naming the artifact, the change and the commits, and takes it away after 8 s', async () => {
    renderToasts();

    drift(driftEvent({}));

    const toast = screen.getByRole('status');
    expect(toast.className).toBe('toast toast-drift');
    expect(toast.querySelector('strong')?.textContent).toBe('Drift in default');
    expect(toast.querySelector('p')?.textContent).toBe('skill:x: upstream moved, synced → outdated (2 commits)');
    await advance(8000);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says a held artifact was not updated', () => {
    renderToasts();

    drift(driftEvent({ held: true, hold_reason: 'freeze', action: 'held' }));

    expect(screen.getByRole('status').querySelector('p')?.textContent).toBe('skill:x: upstream moved, synced → outdated (2 commits), held, not updated');
  });

  it('shows no toast when SYNC_UI_TOASTS is off, but still asks for a reload', async () => {
    const shell = renderToasts(false);

    drift(driftEvent({}));
    await advance(DRIFT_RELOAD_MS);

    expect(screen.queryByRole('status')).toBeNull();
    expect(shell.tracker().driftCount).toBe(1);
  });

  it('asks for one reload per burst of events, once the burst is over', async () => {
    const shell = renderToasts();

    drift(driftEvent({ event_id: 'ev-1' }));
    await advance(DRIFT_RELOAD_MS - 100);
    drift(driftEvent({ event_id: 'ev-2', artifact_id: 'skill:y' }));
    drift(driftEvent({ event_id: 'ev-3', edge: 'collection_to_project', project_path: '/code/webapp', upstream: null, to: 'modified' }));

    expect(shell.tracker().driftCount).toBe(0);
    expect(screen.getAllByRole('status')).toHaveLength(3);
    await advance(DRIFT_RELOAD_MS);
    expect(shell.tracker().driftCount).toBe(1);
  });

  it('follows the auto-update job an event started: it reads it, lists it, and toasts its end', async () => {
    server.docs.set('auto-1', job({ job_id: 'auto-1', direction: 'upstream_to_collection', state: 'running', pct: 40 }));
    const shell = renderToasts();

    drift(driftEvent({ auto_update: 'clean', action: 'auto_update:auto-1' }));
    await advance(0);

    expect(screen.getByRole('status').querySelector('p')?.textContent).toBe('skill:x: upstream moved, synced → outdated (2 commits), updating (job auto-1)');
    expect(server.reads('auto-1')).toBe(1);
    expect(shell.tracker().tracked).toEqual([{ jobId: 'auto-1', label: 'Auto-update, skill:x' }]);

    act(() => streams[0].send(job({ job_id: 'auto-1', direction: 'upstream_to_collection', state: 'success', pct: 100 })));

    expect(shell.tracker().endedCount).toBe(1);
    expect([...document.querySelectorAll('.toast strong')].map((t) => t.textContent)).toContain('Sync finished');
  });
});
