import { act, fireEvent, render, screen } from '@testing-library/react';
import { job, mockFetch } from '../../test/fetch-mock';
import { JobTrackerProvider } from './job-tracker';
import { SyncDialog } from './sync-dialog';

const PLANNED = job({
  job_id: 'dry-1',
  state: 'success',
  pct: 100,
  plans: [
    {
      artifact_id: 'agent:architect',
      action: 'conflict',
      reason: null,
      files_added: [],
      files_removed: [],
      files_modified: ['architect.md'],
      predicted_conflicts: [{ artifact_id: 'agent:architect', path: 'architect.md', kind: 'content' }],
    },
  ],
});

describe('SyncDialog', () => {
  it('shows the dry run plan before it lets you apply, then applies in the background', async () => {
    const calls = mockFetch((call) => {
      if (call.method === 'POST') {
        const dry = (call.body as { dry_run: boolean }).dry_run;
        return { status: 202, body: dry ? PLANNED : job({ job_id: 'apply-1', state: 'running' }) };
      }
      if (call.url.startsWith('/api/v1/sync/jobs/dry-1')) {
        return { body: PLANNED };
      }
      return { body: job({ job_id: 'apply-1', state: 'running' }) };
    });
    const onClose = vi.fn();
    render(
      <JobTrackerProvider toastsEnabled>
        <SyncDialog artifactIds={['agent:architect']} scope={{ collection: 'default', projectPath: '/p' }} initialDirection="collection_to_project" onClose={onClose} />
      </JobTrackerProvider>,
    );
    const apply = screen.getByRole('button', { name: 'Apply' }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Dry run' })));

    expect(await screen.findByText('Conflict')).toBeTruthy();
    expect(screen.getAllByText('architect.md').length).toBe(2);
    expect(calls[0].body).toEqual({
      direction: 'collection_to_project',
      artifact_ids: ['agent:architect'],
      collection: 'default',
      project_path: '/p',
      strategy: 'auto',
      dry_run: true,
    });
    await vi.waitFor(() => expect(apply.disabled).toBe(false));

    await act(async () => fireEvent.click(apply));

    expect(onClose).toHaveBeenCalled();
    const posts = calls.filter((c) => c.method === 'POST');
    expect((posts[1].body as { dry_run: boolean }).dry_run).toBe(false);
  });

  it('offers only the upstream direction without a project', () => {
    mockFetch(() => undefined);
    render(
      <JobTrackerProvider toastsEnabled>
        <SyncDialog artifactIds={['skill:x']} scope={{ collection: 'default', projectPath: null }} initialDirection="collection_to_project" onClose={() => {}} />
      </JobTrackerProvider>,
    );

    expect((screen.getByRole('radio', { name: /Upstream → Collection/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: /Collection → Project/ }) as HTMLInputElement).disabled).toBe(true);
  });
});
