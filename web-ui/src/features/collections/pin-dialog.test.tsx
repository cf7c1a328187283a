import { act, fireEvent, render, screen } from '@testing-library/react';
import { job, mockFetch } from '../../test/fetch-mock';
import type { UpstreamCommits } from '../../types/api';
import { PinDialog } from './pin-dialog';
import { plan, renderWithJobs } from '../../test/render-with-jobs';
import { UpstreamBehind } from './upstream-behind';

const COMMITS: UpstreamCommits = {
  artifact_id: 'skill:release-check',
  repository: '/srv/git/tools',
  version_spec: 'main',
  ref: 'main',
  resolved_sha: 'aaaa',
  head_sha: 'cccc',
  behind: 2,
  items: [
    { sha: 'cccc1111', date: '2026-12-02T10:00:00Z', author: 'Ada', subject: 'Tighten the checklist' },
    { sha: 'bbbb2222', date: '2026-12-01T10:00:00Z', author: 'Lin', subject: 'Mention the changelog' },
  ],
};
const COMMITS_URL = '/api/v1/artifacts/skill%3Arelease-check/upstream/commits?collection=team';
const PATCH_URL = '/api/v1/collections/team/artifacts/skill%3Arelease-check';

function updatePlan(id: string) {
  return job({
    job_id: id,
    kind: 'pin',
    direction: 'upstream_to_collection',
    state: 'success',
    plans: [{ ...plan('skill:release-check', 'update'), files_modified: ['SKILL.md'] }],
  });
}

describe('PinDialog', () => {
  it('shows the commits behind, prefills the followed ref, previews the pin and applies it', async () => {
    const calls = mockFetch((call) => {
      if (call.url === COMMITS_URL) {
        return { body: COMMITS };
      }
      const dry = (call.body as { dry_run: boolean }).dry_run;
      return { status: 202, body: updatePlan(dry ? 'dry-1' : 'apply-1') };
    });
    renderWithJobs((following) => <PinDialog {...following} artifactId="skill:release-check" collection="team" onClose={() => {}} />);

    expect(await screen.findByText(/2 commits behind/)).toBeTruthy();
    expect(screen.getByText('Tighten the checklist')).toBeTruthy();
    expect(screen.getByText('Mention the changelog')).toBeTruthy();
    const spec = screen.getByLabelText('Version (branch, tag, commit or latest)') as HTMLInputElement;
    await vi.waitFor(() => expect(spec.value).toBe('main'));

    fireEvent.change(spec, { target: { value: 'v1.0' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Preview' })));

    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch).toMatchObject({ url: PATCH_URL, body: { version_spec: 'v1.0', dry_run: true } });
    expect(screen.getByText('Update', { selector: '.plan-action' })).toBeTruthy();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Apply' })));

    expect(calls.filter((c) => c.method === 'PATCH')[1].body).toEqual({ version_spec: 'v1.0', dry_run: false });
    expect(screen.getByLabelText('Pinning skill:release-check to v1.0 result').textContent).toContain('done');
  });

  it('prefills latest as written, not the branch it resolves to', async () => {
    mockFetch((call) => (call.url === COMMITS_URL ? { body: { ...COMMITS, version_spec: 'latest' } } : { status: 404 }));
    renderWithJobs((following) => <PinDialog {...following} artifactId="skill:release-check" collection="team" onClose={() => {}} />);

    const spec = (await screen.findByLabelText('Version (branch, tag, commit or latest)')) as HTMLInputElement;
    await vi.waitFor(() => expect(spec.value).toBe('latest'));
  });

  it('shows a refused version under its field', async () => {
    mockFetch((call) =>
      call.url === COMMITS_URL
        ? { body: COMMITS }
        : { status: 400, body: { status: 400, field: 'version_spec', detail: "version_spec: 'nope' is not a branch, tag or commit" } },
    );
    renderWithJobs((following) => <PinDialog {...following} artifactId="skill:release-check" collection="team" onClose={() => {}} />);
    await screen.findByText(/2 commits behind/);
    const spec = screen.getByLabelText('Version (branch, tag, commit or latest)') as HTMLInputElement;
    await vi.waitFor(() => expect(spec.value).toBe('main'));
    fireEvent.change(spec, { target: { value: 'nope' } });

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Preview' })));

    expect(spec.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(spec.getAttribute('aria-describedby') as string)?.textContent).toBe(
      "version_spec: 'nope' is not a branch, tag or commit",
    );
  });
});

describe('UpstreamBehind', () => {
  it('lists the commits behind in the upstream card and offers Bump', async () => {
    const calls = mockFetch(() => ({ body: COMMITS }));
    const onBump = vi.fn();
    render(<UpstreamBehind artifactId="skill:release-check" collection="team" reloadKey={0} onBump={onBump} />);

    expect(await screen.findByText(/2 commits behind/)).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Upstream commits not in the collection' }).textContent).toContain('Tighten the checklist');
    fireEvent.click(screen.getByRole('button', { name: 'Bump…' }));

    expect(onBump).toHaveBeenCalled();
    expect(calls[0].url).toBe(COMMITS_URL);
  });

  it('says when the artifact is up to date', async () => {
    mockFetch(() => ({ body: { ...COMMITS, behind: 0, items: [] } }));
    render(<UpstreamBehind artifactId="skill:release-check" collection="team" reloadKey={0} onBump={() => {}} />);

    expect(await screen.findByText(/Up to date with/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Pin / bump…' })).toBeTruthy();
  });
});
