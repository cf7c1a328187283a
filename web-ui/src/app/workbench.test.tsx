import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { DRIFT_RELOAD_MS, JobTrackerProvider } from '../features/jobs';
import { stubEventSource, type FakeEventSource } from '../test/event-source-stub';
import { driftEvent, job, mockFetch, type Call } from '../test/fetch-mock';
import type { ArtifactItem, ArtifactList, ArtifactVersions, Fleet, Policy, TierVersion, Workspace } from '../types/api';
import { Workbench } from './workbench';

const EMPTY: Workspace = { collections: [], projects: [], ui_toasts: true, patch_format: 'tar.gz' };
const CREATED = job({ job_id: 'create-1', kind: 'create_collection', state: 'success', pct: 100 });
const PLANNED = job({
  job_id: 'dry-1',
  kind: 'create_collection',
  state: 'success',
  pct: 100,
  plans: [{ artifact_id: 'collection:team', action: 'create', reason: null, files_added: [], files_removed: [], files_modified: [], predicted_conflicts: [] }],
});

function list(collection: string): ArtifactList {
  return { collection, project_path: null, total: 0, items: [] };
}

function renderWorkbench(workspace: Workspace, onWorkspaceChanged = vi.fn()) {
  render(
    <JobTrackerProvider toastsEnabled>
      <Workbench workspace={workspace} onWorkspaceChanged={onWorkspaceChanged} onSignOut={() => {}} />
    </JobTrackerProvider>,
  );
  return onWorkspaceChanged;
}

function artifactReads(calls: Call[]): string[] {
  return calls.filter((c) => c.url.startsWith('/api/v1/artifacts?')).map((c) => c.url);
}

const FREE: Policy = { held: false, hold_reason: null, hold_until: null, hold_expired: false, auto_update: 'off' };
const STATUS = {
  upstream_to_collection: 'synced',
  collection_to_project: null,
  overall: 'synced',
  upstream_to_collection_reason: null,
  collection_to_project_reason: null,
} as const;
const REVIEW: ArtifactItem = {
  artifact_id: 'skill:review',
  type: 'skill',
  name: 'review',
  status: STATUS,
  upstream_hash: 'u1',
  collection_hash: 'u1',
  project_hash: null,
  upstream_error: null,
  upstream_checked_at: null,
  policy: FREE,
};
const TIER: TierVersion = { hash: 'u1', timestamp: null, source: null, path: null, ref: 'main', commit: null, lineage: [], base_hash: null, behind: 0 };
const VERSIONS: ArtifactVersions = {
  artifact_id: 'skill:review',
  upstream: { ...TIER, checked_at: null },
  collection: TIER,
  project: null,
  status: STATUS,
  upstream_error: null,
  policy: FREE,
};
const FLEET: Fleet = {
  collection: 'team',
  generated_at: '2026-12-06T03:00:00Z',
  upstream_checked_at: null,
  projects: [{ path: '/code/webapp', name: 'webapp', counts: { synced: 1 } }],
  artifacts: [
    {
      artifact_id: 'skill:review',
      type: 'skill',
      name: 'review',
      upstream_to_collection: 'synced',
      upstream_reason: null,
      policy: FREE,
      error: null,
      cells: [{ project_path: '/code/webapp', collection_to_project: 'synced', reason: null, overall: 'synced' }],
    },
  ],
  counts: { upstream_to_collection: { synced: 1 }, collection_to_project: { synced: 1 }, overall: { synced: 1 } },
  errors: [],
};

function reads(calls: Call[], prefix: string): string[] {
  return calls.filter((c) => c.method === 'GET' && c.url.startsWith(prefix)).map((c) => c.url);
}

describe('Workbench', () => {
  let streams: FakeEventSource[];

  beforeEach(() => {
    streams = stubEventSource();
    window.history.replaceState(null, '', '/');
  });

  it('offers to create a collection when the workspace has none, then selects it and goes on to add from Git', async () => {
    const calls = mockFetch((call) => {
      if (call.url === '/api/v1/collections') {
        return { status: 202, body: (call.body as { dry_run: boolean }).dry_run ? PLANNED : CREATED };
      }
      if (call.url.startsWith('/api/v1/sync/jobs/')) {
        return { body: call.url.endsWith('dry-1') ? PLANNED : CREATED };
      }
      if (call.url.startsWith('/api/v1/artifacts?')) {
        return { body: list('team') };
      }
      return undefined;
    });
    const onWorkspaceChanged = renderWorkbench(EMPTY);

    expect(screen.getByText('There is no collection yet.')).toBeTruthy();
    expect(artifactReads(calls)).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Add from a Git repository' }));
    const create = screen.getByRole('dialog', { name: 'Create a collection' });
    expect(within(create).getByText(/create one first/)).toBeTruthy();
    fireEvent.change(within(create).getByLabelText('Name'), { target: { value: 'team' } });
    await act(async () => fireEvent.click(within(create).getByRole('button', { name: 'Preview' })));
    await act(async () => fireEvent.click(within(create).getByRole('button', { name: 'Create' })));

    expect(onWorkspaceChanged).toHaveBeenCalled();
    expect(await screen.findByRole('dialog', { name: 'Add from a Git repository' })).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Create a collection' })).toBeNull();
    expect((screen.getByRole('combobox', { name: 'Collection' }) as HTMLSelectElement).value).toBe('team');
    await vi.waitFor(() => expect(artifactReads(calls)).toEqual(['/api/v1/artifacts?collection=team']));
  });

  it('fetches the upstreams on Refresh, then reads the list again', async () => {
    const calls = mockFetch((call) => (call.url.startsWith('/api/v1/artifacts?') ? { body: list('default') } : undefined));
    renderWorkbench({ ...EMPTY, collections: ['default'] });
    await screen.findByText('Collection default has no artifacts yet.');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Refresh' })));

    await vi.waitFor(() =>
      expect(artifactReads(calls)).toEqual([
        '/api/v1/artifacts?collection=default',
        '/api/v1/artifacts?collection=default&refresh=true',
        '/api/v1/artifacts?collection=default',
      ]),
    );
  });

  it('offers both ways in when the selected collection has no artifacts', async () => {
    mockFetch((call) => (call.url.startsWith('/api/v1/artifacts?') ? { body: list('default') } : undefined));
    renderWorkbench({ ...EMPTY, collections: ['default'] });

    expect(await screen.findByText('Collection default has no artifacts yet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add from a Git repository' }));

    expect(screen.getByRole('dialog', { name: 'Add from a Git repository' })).toBeTruthy();
  });

  it('opens the fleet of the selected collection, keeps it in the address, and reads it again after drift', async () => {
    const calls = mockFetch((call) => {
      if (call.url.startsWith('/api/v1/fleet?')) {
        return { body: FLEET };
      }
      return call.url.startsWith('/api/v1/artifacts?') ? { body: list('team') } : undefined;
    });
    renderWorkbench({ ...EMPTY, collections: ['default', 'team'] });
    fireEvent.change(screen.getByRole('combobox', { name: 'Collection' }), { target: { value: 'team' } });

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Fleet' })));

    expect(await screen.findByRole('heading', { name: /Fleet/ })).toBeTruthy();
    expect(window.location.search).toBe('?view=fleet');
    expect(screen.getByRole('button', { name: 'Fleet' }).getAttribute('aria-current')).toBe('page');
    await vi.waitFor(() => expect(reads(calls, '/api/v1/fleet')).toEqual(['/api/v1/fleet?collection=team']));

    act(() => streams[0].drift(driftEvent({ collection: 'team', artifact_id: 'skill:review' })));

    expect(screen.getByRole('status').textContent).toContain('skill:review: upstream moved, synced → outdated (2 commits)');
    // The reload waits for the burst of events to end.
    await act(() => new Promise((done) => setTimeout(done, DRIFT_RELOAD_MS + 50)));
    expect(reads(calls, '/api/v1/fleet')).toHaveLength(2);
  });

  it('holds an artifact from its detail, then reads the detail and the list again', async () => {
    const calls = mockFetch((call) => {
      if (call.method === 'PUT') {
        return { body: { ...FREE, held: true, hold_reason: 'freeze' } };
      }
      if (call.url.startsWith('/api/v1/artifacts?')) {
        return { body: { ...list('default'), total: 1, items: [REVIEW] } };
      }
      return call.url.startsWith('/api/v1/artifacts/skill%3Areview/versions') ? { body: VERSIONS } : undefined;
    });
    renderWorkbench({ ...EMPTY, collections: ['default'] });
    fireEvent.click(await screen.findByRole('button', { name: 'Open skill:review' }));
    const detail = await screen.findByRole('region', { name: /skill:review/ });
    const upstreamCard = await within(detail).findByRole('article', { name: 'Upstream version' });
    expect(within(upstreamCard).getByText('upstream checked never')).toBeTruthy();

    fireEvent.change(within(detail).getByLabelText('Hold reason'), { target: { value: 'freeze' } });
    await act(async () => fireEvent.click(within(detail).getByRole('button', { name: 'Hold' })));

    expect(calls.find((c) => c.method === 'PUT')).toMatchObject({ url: '/api/v1/collections/default/artifacts/skill%3Areview/policy', body: { hold: { reason: 'freeze', until: null } } });
    await vi.waitFor(() => {
      expect(reads(calls, '/api/v1/artifacts?')).toHaveLength(2);
      expect(reads(calls, '/api/v1/artifacts/skill%3Areview/versions')).toHaveLength(2);
    });
  });
});
