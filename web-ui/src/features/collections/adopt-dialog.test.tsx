import { act, fireEvent, screen } from '@testing-library/react';
import { job, mockFetch } from '../../test/fetch-mock';
import { AdoptDialog } from './adopt-dialog';
import { plan, renderWithJobs } from '../../test/render-with-jobs';

describe('AdoptDialog', () => {
  it('previews taking a project-only artifact into the collection, then adopts it', async () => {
    const calls = mockFetch((call) => ({
      status: 202,
      body: job({
        job_id: (call.body as { dry_run: boolean }).dry_run ? 'dry-1' : 'apply-1',
        direction: 'project_to_collection',
        state: 'success',
        plans: [plan('agent:local', 'create', ['local.md'])],
      }),
    }));
    renderWithJobs((following) => <AdoptDialog {...following} artifactId="agent:local" collection="team" projectPath="/p" onClose={() => {}} />);

    expect(await screen.findByText('local.md')).toBeTruthy();
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/v1/collections/team/adopt', body: { project_path: '/p', artifact_ids: ['agent:local'], dry_run: true } });

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Adopt' })));

    expect(calls[1].body).toEqual({ project_path: '/p', artifact_ids: ['agent:local'], dry_run: false });
  });

  it('shows a refusal', async () => {
    mockFetch(() => ({ status: 409, body: { status: 409, detail: 'agent:local is already in collection team: sync it instead' } }));
    renderWithJobs((following) => <AdoptDialog {...following} artifactId="agent:local" collection="team" projectPath="/p" onClose={() => {}} />);

    expect(await screen.findByText('agent:local is already in collection team: sync it instead')).toBeTruthy();
  });
});
