import { act, fireEvent, screen, within } from '@testing-library/react';
import { stubEventSource, type FakeEventSource } from '../../test/event-source-stub';
import { job } from '../../test/fetch-mock';
import type { Job, JobPage } from '../../types/api';
import { JobsPanel } from './jobs-panel';
import { advance, fakeJobServer, renderTracker, track, type FakeJobServer, type RenderedTracker } from './test-harness';

const NOTIFY = { label: 'Collection → Project, agent:architect', notify: true };

function page(items: Job[]): JobPage {
  return { items, total: items.length, limit: 25, offset: 0 };
}

function rowLabels(): (string | null)[] {
  return [...document.querySelectorAll('.job-row')].map((r) => r.getAttribute('aria-label'));
}

function row(jobId: string): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>('.job-row')].find((r) => r.getAttribute('aria-label')?.includes(` ${jobId},`));
  if (!found) {
    throw new Error(`no row for ${jobId}: ${rowLabels().join(' | ')}`);
  }
  return found;
}

describe('JobsPanel', () => {
  let server: FakeJobServer;
  let streams: FakeEventSource[];
  let cancelAnswer: { status: number; body: unknown };

  beforeEach(() => {
    vi.useFakeTimers();
    cancelAnswer = { status: 202, body: job({ job_id: 'job-1', state: 'canceled' }) };
    server = fakeJobServer((call) => {
      if (call.url === '/api/v1/sync/jobs?limit=25') {
        // The server's list lags: it still has job-1 queued and does not know job-2 yet.
        return { body: page([job({ job_id: 'job-1', state: 'queued' }), job({ job_id: 'job-0', state: 'success', pct: 100 })]) };
      }
      return call.method === 'DELETE' ? cancelAnswer : undefined;
    });
    streams = stubEventSource();
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function renderPanel(): Promise<RenderedTracker> {
    const panel = renderTracker(<JobsPanel onClose={() => {}} onResolve={() => {}} onInspect={() => {}} />);
    act(() => streams[0].open());
    for (const id of ['job-1', 'job-2']) {
      server.docs.set(id, job({ job_id: id, state: 'running', pct: 10 }));
      await track(panel, job({ job_id: id, state: 'queued' }), NOTIFY);
    }
    await advance(0);
    return panel;
  }

  it('lists the jobs started in this session above the recent ones, with their live state and progress', async () => {
    await renderPanel();

    expect(rowLabels()).toEqual(['sync job job-2, running', 'sync job job-1, running', 'sync job job-0, success']);

    act(() => streams[0].send(job({ job_id: 'job-1', state: 'running', pct: 55, phase: 'merging' })));

    const progress = within(row('job-1')).getByRole('progressbar', { name: 'Progress of job job-1' });
    expect(progress.getAttribute('value')).toBe('55');
    expect(within(row('job-1')).getByText('merging')).toBeTruthy();
  });

  it('names how many projects a sync into several projects covers', async () => {
    await renderPanel();
    const request = { artifact_ids: ['skill:review'], collection: 'team', project_path: null, project_paths: ['/a', '/b', '/c'], strategy: 'auto' as const, dry_run: false };

    act(() => streams[0].send(job({ job_id: 'job-2', state: 'running', request })));

    expect(within(row('job-2')).getByText('skill:review → 3 projects')).toBeTruthy();
  });

  it('cancels a running job; the row shows the answer at once, and a stale event cannot undo it', async () => {
    await renderPanel();

    await act(async () => fireEvent.click(within(row('job-1')).getByRole('button', { name: 'Cancel' })));
    await advance(0);

    expect(server.calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual(['/api/v1/sync/jobs/job-1']);
    act(() => streams[0].send(job({ job_id: 'job-1', state: 'running', pct: 10 })));
    await advance(0);

    expect(rowLabels()).toEqual(['sync job job-2, running', 'sync job job-1, canceled', 'sync job job-0, success']);
    expect(within(row('job-1')).getByText('Canceled')).toBeTruthy();
    expect(within(row('job-1')).queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(within(row('job-2')).getByRole('button', { name: 'Cancel' })).toBeTruthy();
  });

  it('shows why a cancel was refused, on the job’s row', async () => {
    cancelAnswer = { status: 409, body: { status: 409, detail: 'The job has already ended.' } };
    await renderPanel();

    await act(async () => fireEvent.click(within(row('job-2')).getByRole('button', { name: 'Cancel' })));
    await advance(0);

    expect(within(row('job-2')).getByText('The job has already ended.')).toBeTruthy();
    expect(within(row('job-1')).queryByText('The job has already ended.')).toBeNull();
  });

  it('offers Resolve… only on a sync that ended in conflict', async () => {
    await renderPanel();

    act(() => streams[0].send(job({ job_id: 'job-2', state: 'conflict', pct: 100 })));
    await advance(0);

    expect(within(row('job-2')).getByRole('button', { name: 'Resolve…' })).toBeTruthy();
    expect(within(row('job-1')).queryByRole('button', { name: 'Resolve…' })).toBeNull();
    expect(screen.getAllByRole('button', { name: 'Resolve…' })).toHaveLength(1);
  });
});
