import { act, fireEvent, screen } from '@testing-library/react';
import { job, mockFetch } from '../../test/fetch-mock';
import { plan, renderWithJobs } from '../../test/render-with-jobs';
import { RollbackDialog } from './rollback-dialog';

const OLD = '1'.repeat(64);
const NOW = '2'.repeat(64);
const URL = '/api/v1/artifacts/skill%3Areview/rollback';
const SCOPE = { collection: 'team', projectPath: '/work/app' };

function rollbackJob(id: string, dryRun: boolean, tier: 'collection' | 'project') {
  return job({
    job_id: id,
    kind: 'rollback',
    direction: tier === 'project' ? 'collection_to_project' : 'upstream_to_collection',
    state: 'success',
    plans: [plan('skill:review', 'update', ['ref/a.md'], 'rolls the collection back from 2222222 to 1111111')],
    artifacts: [
      {
        artifact_id: 'skill:review', outcome: 'updated', reason: dryRun ? 'rolls the collection back from 2222222 to 1111111' : null,
        files_added: 1, files_removed: 0, files_modified: 0, before_hash: NOW, after_hash: OLD,
      },
    ],
  });
}

describe('RollbackDialog', () => {
  it('plans the rollback of the collection at once with its diff, then applies it with the hold asked for', async () => {
    const calls = mockFetch((call) => {
      const dry = (call.body as { dry_run: boolean }).dry_run;
      return { status: 202, body: rollbackJob(dry ? 'dry-1' : 'apply-1', dry, 'collection') };
    });
    const diffs: string[] = [];
    const { started } = renderWithJobs((following) => (
      <RollbackDialog
        {...following}
        artifactId="skill:review"
        scope={SCOPE}
        tier="collection"
        toHash={OLD}
        renderDiff={(from, to) => {
          diffs.push(`${from}->${to}`);
          return <div>the diff</div>;
        }}
        onClose={() => {}}
      />
    ));

    expect(await screen.findByLabelText('Before and after')).toBeTruthy();
    expect(calls[0]).toMatchObject({ method: 'POST', url: URL, body: { tier: 'collection', to_hash: OLD, collection: 'team', dry_run: true, hold: true } });
    expect(calls[0].body).not.toHaveProperty('project_path');
    expect(screen.getByLabelText('Before and after').textContent).toBe(`${NOW.slice(0, 12)} → ${OLD.slice(0, 12)}`);
    expect(screen.getByText('the diff')).toBeTruthy();
    expect(diffs).toContain(`${NOW}->${OLD}`);
    expect(screen.getByText('Update', { selector: '.plan-action' })).toBeTruthy();

    fireEvent.click(screen.getByLabelText(/Hold the artifact afterwards/));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Roll back' })));

    expect(calls[1].body).toEqual({ tier: 'collection', to_hash: OLD, collection: 'team', dry_run: false, hold: false });
    expect(started).toHaveBeenLastCalledWith(expect.objectContaining({ job_id: 'apply-1' }), 'Roll back skill:review in collection team', false);
  });

  it('rolls a project back with its path and no hold', async () => {
    const calls = mockFetch((call) => ({ status: 202, body: rollbackJob('dry-2', (call.body as { dry_run: boolean }).dry_run, 'project') }));
    renderWithJobs((following) => (
      <RollbackDialog {...following} artifactId="skill:review" scope={SCOPE} tier="project" toHash={OLD} onClose={() => {}} />
    ));

    expect(await screen.findByLabelText('Before and after')).toBeTruthy();
    expect(calls[0].body).toEqual({ tier: 'project', to_hash: OLD, collection: 'team', project_path: '/work/app', dry_run: true });
    expect(screen.queryByLabelText(/Hold the artifact afterwards/)).toBeNull();
    expect(screen.getByRole('heading', { name: 'Roll back project' })).toBeTruthy();
  });
});
