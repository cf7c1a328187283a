import { act, fireEvent, screen } from '@testing-library/react';
import { job, mockFetch } from '../../test/fetch-mock';
import { RemoveDialog } from './remove-dialog';
import { plan, renderWithJobs } from '../../test/render-with-jobs';

const URL = '/api/v1/collections/team/artifacts/command%3Adeploy';

describe('RemoveDialog', () => {
  it('shows the removal plan, asks for confirmation, then removes', async () => {
    const calls = mockFetch((call) =>
      call.url.endsWith('dry_run=true')
        ? { status: 202, body: job({ job_id: 'dry-1', kind: 'remove', state: 'success', plans: [{ ...plan('command:deploy', 'remove'), files_removed: ['deploy.md'] }] }) }
        : {
            status: 202,
            body: job({
              job_id: 'apply-1',
              kind: 'remove',
              state: 'success',
              artifacts: [{ artifact_id: 'command:deploy', outcome: 'removed', reason: null, files_added: 0, files_removed: 1, files_modified: 0, before_hash: 'h', after_hash: null }],
            }),
          },
    );
    const onRemoved = vi.fn();
    renderWithJobs((following) => <RemoveDialog {...following} artifactId="command:deploy" collection="team" onRemoved={onRemoved} onClose={() => {}} />);

    expect(await screen.findByText('Remove', { selector: '.plan-action' })).toBeTruthy();
    expect(screen.getByText('deploy.md')).toBeTruthy();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'DELETE', url: `${URL}?dry_run=true` });
    const remove = screen.getByRole('button', { name: 'Remove' }) as HTMLButtonElement;
    expect(remove.disabled).toBe(true);

    fireEvent.click(screen.getByRole('checkbox', { name: /Yes, remove/ }));
    await act(async () => fireEvent.click(remove));

    expect(calls[1]).toMatchObject({ method: 'DELETE', url: `${URL}?dry_run=false` });
    expect(screen.getByText(/removed/, { selector: 'li' })).toBeTruthy();
    expect(onRemoved).toHaveBeenCalled();
  });
});
