import { act, fireEvent, screen } from '@testing-library/react';
import { job, mockFetch } from '../../test/fetch-mock';
import { plan, renderWithJobs } from '../../test/render-with-jobs';
import { UndeployDialog } from './undeploy-dialog';

interface Body {
  force: boolean;
  dry_run: boolean;
}

describe('UndeployDialog', () => {
  it('shows the local edits a plan skips, and undeploys with force once they are to be discarded', async () => {
    const calls = mockFetch((call) => {
      const body = call.body as Body;
      if (!body.dry_run) {
        return { status: 202, body: job({ job_id: 'apply-1', kind: 'undeploy', state: 'running' }) };
      }
      return {
        status: 202,
        body: job({
          job_id: body.force ? 'dry-2' : 'dry-1',
          kind: 'undeploy',
          state: 'success',
          plans: [body.force ? plan('skill:x', 'remove') : plan('skill:x', 'skip', [], 'the project copy has local edits in SKILL.md')],
        }),
      };
    });
    renderWithJobs((following) => (
      <UndeployDialog {...following} artifactId="skill:x" collection="team" projectPath="/p" localEdits={<p>the base ↔ project diff</p>} onClose={() => {}} />
    ));

    expect(await screen.findByText('the base ↔ project diff')).toBeTruthy();
    expect(screen.getAllByText('the project copy has local edits in SKILL.md').length).toBeGreaterThan(0);
    expect(calls[0].body).toEqual({ artifact_ids: ['skill:x'], project_path: '/p', collection: 'team', force: false, dry_run: true });
    const undeploy = screen.getByRole('button', { name: 'Undeploy' }) as HTMLButtonElement;
    expect(undeploy.disabled).toBe(true);

    await act(async () => fireEvent.click(screen.getByRole('checkbox', { name: 'Discard local edits (force)' })));

    expect(calls[1].body).toMatchObject({ force: true, dry_run: true });
    expect(screen.getByText('Remove', { selector: '.plan-action' })).toBeTruthy();
    expect(screen.getByText('the base ↔ project diff')).toBeTruthy();

    await act(async () => fireEvent.click(undeploy));

    expect(calls[2].body).toMatchObject({ force: true, dry_run: false });
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/sync/undeploy', '/api/v1/sync/undeploy', '/api/v1/sync/undeploy']);
  });

  it('undeploys an unedited copy without asking about edits', async () => {
    mockFetch(() => ({ status: 202, body: job({ job_id: 'dry-1', kind: 'undeploy', state: 'success', plans: [plan('skill:x', 'remove')] }) }));
    renderWithJobs((following) => <UndeployDialog {...following} artifactId="skill:x" collection="team" projectPath="/p" localEdits={<p>diff</p>} onClose={() => {}} />);

    expect(await screen.findByText('Remove', { selector: '.plan-action' })).toBeTruthy();
    expect(screen.queryByText('diff')).toBeNull();
    expect((screen.getByRole('button', { name: 'Undeploy' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
