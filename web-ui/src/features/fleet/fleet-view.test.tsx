import { act, fireEvent, screen, within } from '@testing-library/react';
import { job, mockFetch, type Call } from '../../test/fetch-mock';
import { plan, renderWithJobs } from '../../test/render-with-jobs';
import type { Fleet, FleetArtifact, FleetCell, SyncStatus } from '../../types/api';
import { FleetView } from './fleet-view';

const A = '/code/alpha';
const B = '/code/beta';
const C = '/code/gamma';
const PROJECTS = [A, B, C];

function cell(project: string, status: SyncStatus | null, overall: SyncStatus | null = status): FleetCell {
  return { project_path: project, collection_to_project: status, reason: status === 'outdated' ? 'collection changed since the deploy' : null, overall };
}

function row(name: string, statuses: (SyncStatus | null)[], overrides: Partial<FleetArtifact> = {}): FleetArtifact {
  return {
    artifact_id: `skill:${name}`,
    type: 'skill',
    name,
    upstream_to_collection: 'synced',
    upstream_reason: null,
    policy: { held: false, hold_reason: null, hold_until: null, hold_expired: false, auto_update: 'off' },
    error: null,
    cells: statuses.map((s, i) => cell(PROJECTS[i], s)),
    ...overrides,
  };
}

function fleet(artifacts: FleetArtifact[], projects = PROJECTS): Fleet {
  return {
    collection: 'team',
    generated_at: '2026-12-06T03:00:00Z',
    upstream_checked_at: null,
    projects: projects.map((path) => ({ path, name: path.split('/').pop() as string, counts: { synced: 1, outdated: 1, missing: 1 } })),
    artifacts,
    counts: { upstream_to_collection: { synced: 2, outdated: 1 }, collection_to_project: { synced: 4, outdated: 2, missing: 3 }, overall: { synced: 3, outdated: 5, missing: 1 } },
    errors: [],
  };
}

const REVIEW = row('review', ['synced', 'outdated', 'missing'], {
  upstream_to_collection: 'outdated',
  policy: { held: true, hold_reason: 'security review', hold_until: null, hold_expired: false, auto_update: 'off' },
});
const LINT = row('lint', ['synced', 'synced', 'modified'], { policy: { held: false, hold_reason: null, hold_until: null, hold_expired: false, auto_update: 'clean' } });

function fleetReads(calls: Call[]): string[] {
  return calls.filter((c) => c.url.startsWith('/api/v1/fleet')).map((c) => c.url);
}

function renderFleet(route: (call: Call) => { status?: number; body?: unknown } | undefined) {
  const calls = mockFetch(route);
  const { started } = renderWithJobs((following) => <FleetView {...following} collection="team" workspaceProjects={[]} reloadKey={0} />);
  return { calls, started };
}

beforeEach(() => window.history.replaceState(null, '', '/'));

describe('FleetView', () => {
  it('shows artifacts × projects: the cell badges, the policy badges, per-project and overall counts', async () => {
    renderFleet(() => ({ body: fleet([LINT, REVIEW]) }));

    const table = await screen.findByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Artifact', 'Upstream → Collection', 'alpha✓ 1 synced↓ 1 outdated○ 1 missing', 'beta✓ 1 synced↓ 1 outdated○ 1 missing', 'gamma✓ 1 synced↓ 1 outdated○ 1 missing']);
    const review = within(table).getByRole('rowheader', { name: /review/ }).closest('tr') as HTMLElement;
    const cells = within(review).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual(['↓Outdated', '✓Synced', '↓Outdated', '○Missing']);
    expect((cells[2].querySelector('.badge') as HTMLElement).title).toBe('collection changed since the deploy · overall: outdated');
    expect(within(review).getByText('Held').title).toContain('security review');
    const lint = within(table).getByRole('rowheader', { name: /lint/ });
    expect(within(lint).getByText('Auto-update')).toBeTruthy();
    const totals = screen.getByLabelText('Counts per status');
    expect(totals.textContent).toContain('Overall✓ 3 synced↓ 5 outdated○ 1 missing');
    expect(screen.getByText('upstream checked never')).toBeTruthy();
  });

  it('shows an unreachable upstream and counts it', async () => {
    const offline = row('offline', ['synced', 'synced', 'missing'], { upstream_to_collection: 'unreachable', upstream_reason: 'connection refused' });
    const answer = fleet([offline]);
    answer.counts.upstream_to_collection = { synced: 0, unreachable: 1 };
    renderFleet(() => ({ body: answer }));

    const table = await screen.findByRole('table');
    const badge = within(table).getByText('Unreachable');
    expect(badge.title).toBe('connection refused');
    expect(screen.getByLabelText('Counts per status').textContent).toContain('Upstream → Collection⊘ 1 unreachable');
  });

  it('sends the filters to the server and keeps them in the address', async () => {
    const { calls } = renderFleet(() => ({ body: fleet([LINT, REVIEW]) }));
    await screen.findByRole('table');

    await act(async () => fireEvent.click(screen.getByLabelText('Only drift')));
    await act(async () => fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'skill' } }));
    await act(async () => fireEvent.click(screen.getByLabelText('alpha')));
    await act(async () => fireEvent.click(screen.getByLabelText('gamma')));

    await vi.waitFor(() =>
      expect(fleetReads(calls)).toEqual([
        '/api/v1/fleet?collection=team',
        '/api/v1/fleet?collection=team&drift=true',
        '/api/v1/fleet?collection=team&type=skill&drift=true',
        '/api/v1/fleet?collection=team&type=skill&project=%2Fcode%2Falpha&drift=true',
        '/api/v1/fleet?collection=team&type=skill&project=%2Fcode%2Falpha&project=%2Fcode%2Fgamma&drift=true',
      ]),
    );
    expect(window.location.search).toBe('?drift=true&type=skill&project=%2Fcode%2Falpha&project=%2Fcode%2Fgamma');
    expect(screen.getByText('2 of 3 projects')).toBeTruthy();
  });

  it('starts from the filters in the address', async () => {
    window.history.replaceState(null, '', '/?view=fleet&drift=true&project=%2Fcode%2Fbeta');
    const { calls } = renderFleet(() => ({ body: fleet([REVIEW], [B]) }));
    await screen.findByRole('table');

    expect(fleetReads(calls)).toEqual(['/api/v1/fleet?collection=team&project=%2Fcode%2Fbeta&drift=true']);
    expect((screen.getByLabelText('Only drift') as HTMLInputElement).checked).toBe(true);
  });

  it('shows 1,000 artifacts × 10 projects a hundred rows at a time', async () => {
    const projects = Array.from({ length: 10 }, (_, i) => `/code/p${i}`);
    const many = Array.from({ length: 1000 }, (_, i) =>
      row(`a${String(i).padStart(4, '0')}`, [], { cells: projects.map((p, j) => cell(p, (i + j) % 7 === 0 ? 'outdated' : 'synced')) }),
    );
    renderFleet(() => ({ body: fleet(many, projects) }));
    const table = await screen.findByRole('table');

    // Counted with selectors: role queries over 1,000 cells are slow in jsdom.
    expect(table.querySelectorAll('tbody tr')).toHaveLength(100);
    expect(table.querySelectorAll('tbody td')).toHaveLength(100 * 11);
    expect(screen.getByText('Rows 1–100 of 1000 (page 1 of 10)')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    const names = [...table.querySelectorAll('tbody th button')].map((b) => b.textContent);
    expect([names[0], names[99]]).toEqual(['a0100', 'a0199']);
    expect(screen.getByText('Rows 101–200 of 1000 (page 2 of 10)')).toBeTruthy();
  });

  it('syncs a row to the projects where it is not synced: one job, its plan per project, then Apply and the results per project', async () => {
    const planned = job({
      job_id: 'dry-1',
      state: 'success',
      request: { artifact_ids: ['skill:review'], collection: 'team', project_path: null, project_paths: [B, C], strategy: 'auto', dry_run: true },
      plans: [
        { ...plan('skill:review', 'create', ['SKILL.md']), project_path: C },
        { ...plan('skill:review', 'update'), files_modified: ['SKILL.md'], project_path: B },
      ],
    });
    const applied = job({
      job_id: 'apply-1',
      state: 'success',
      plans: planned.plans,
      artifacts: [
        { artifact_id: 'skill:review', project_path: B, outcome: 'updated', reason: null, files_added: 0, files_removed: 0, files_modified: 1, before_hash: 'a', after_hash: 'b' },
        { artifact_id: 'skill:review', project_path: C, outcome: 'created', reason: null, files_added: 1, files_removed: 0, files_modified: 0, before_hash: null, after_hash: 'b' },
      ],
    });
    const { calls, started } = renderFleet((call) => {
      if (call.url === '/api/v1/sync/jobs') {
        return { status: 202, body: (call.body as { dry_run: boolean }).dry_run ? planned : applied };
      }
      return { body: fleet([LINT, REVIEW]) };
    });
    await screen.findByRole('table');

    fireEvent.click(screen.getByRole('button', { name: 'Select skill:review' }));
    const panel = screen.getByRole('region', { name: /skill:review/ });
    const targets = within(panel).getAllByRole('checkbox') as HTMLInputElement[];
    expect(targets.map((t) => [t.closest('label')?.querySelector('strong')?.textContent, t.checked])).toEqual([
      ['beta', true],
      ['gamma', true],
    ]);
    expect(within(panel).getByText('not deployed there: it will be created')).toBeTruthy();
    expect((within(panel).getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);

    await act(async () => fireEvent.click(within(panel).getByRole('button', { name: 'Sync to these projects' })));

    const posts = () => calls.filter((c) => c.method === 'POST');
    expect(posts().map((c) => c.body)).toEqual([
      { direction: 'collection_to_project', collection: 'team', artifact_ids: ['skill:review'], project_paths: [B, C], strategy: 'auto', dry_run: true },
    ]);
    const planTable = within(panel).getByRole('table', { name: 'Dry-run plan' });
    const planRows = within(planTable).getAllByRole('row').slice(1);
    expect(planRows.map((r) => [within(r).getAllByRole('cell')[0].textContent, r.querySelector('.plan-action')?.textContent])).toEqual([
      ['beta', '↑ Update'],
      ['gamma', '+ Create'],
    ]);

    await act(async () => fireEvent.click(within(panel).getByRole('button', { name: 'Apply' })));

    expect(posts()[1].body).toEqual({ ...(posts()[0].body as object), dry_run: false });
    expect(started.mock.calls.map(([j, label, dry]) => [j.job_id, label, dry])).toEqual([
      ['dry-1', 'Dry run: Collection → Project, skill:review to 2 projects', true],
      ['apply-1', 'Collection → Project, skill:review to 2 projects', false],
    ]);
    const result = within(panel).getByRole('region', { name: 'Sync skill:review to 2 projects result' });
    expect([...result.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['beta: skill:review updated', 'gamma: skill:review created']);
  });

  it('sends only the projects left ticked, and plans again after a change', async () => {
    const planned = job({ job_id: 'dry-1', state: 'success', plans: [{ ...plan('skill:review', 'update'), project_path: C }] });
    const { calls } = renderFleet((call) => (call.url === '/api/v1/sync/jobs' ? { status: 202, body: planned } : { body: fleet([REVIEW]) }));
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Select skill:review' }));
    const panel = screen.getByRole('region', { name: /skill:review/ });

    await act(async () => fireEvent.click(within(panel).getByRole('button', { name: 'Sync to these projects' })));
    fireEvent.click(within(panel).getByLabelText(/beta/));

    expect(within(panel).queryByRole('table', { name: 'Dry-run plan' })).toBeNull();
    await act(async () => fireEvent.click(within(panel).getByRole('button', { name: 'Sync to these projects' })));
    expect((calls.filter((c) => c.method === 'POST')[1].body as { project_paths: string[] }).project_paths).toEqual([C]);
  });

  it('says when the artifact is synced everywhere shown', async () => {
    renderFleet(() => ({ body: fleet([LINT]) }));
    await screen.findByRole('table');

    fireEvent.click(screen.getByRole('button', { name: 'Select skill:lint' }));

    const panel = screen.getByRole('region', { name: /skill:lint/ });
    expect(within(panel).getAllByRole('checkbox')).toHaveLength(1);
    expect(within(panel).getByLabelText(/gamma/)).toBeTruthy();
  });
});
