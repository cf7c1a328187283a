import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { JobTrackerProvider } from '../features/jobs';
import { stubEventSource } from '../test/event-source-stub';
import { job, mockFetch, type Call } from '../test/fetch-mock';
import type { ArtifactList, Workspace } from '../types/api';
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

describe('Workbench', () => {
  beforeEach(() => {
    stubEventSource();
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
});
