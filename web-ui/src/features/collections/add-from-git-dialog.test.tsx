import { act, fireEvent, screen } from '@testing-library/react';
import { job, mockFetch } from '../../test/fetch-mock';
import type { UpstreamListing } from '../../types/api';
import { AddFromGitDialog } from './add-from-git-dialog';
import { plan, renderWithJobs } from '../../test/render-with-jobs';

const LISTING: UpstreamListing = {
  url: '/srv/git/tools',
  repository: '/srv/git/tools',
  ref: 'main',
  commit: 'abcdef0123456789',
  items: [
    {
      artifact_id: 'skill:release-check',
      type: 'skill',
      name: 'release-check',
      path: 'skills/release-check',
      description: 'Checks a release',
      last_commit: { sha: 'a1', date: '2026-12-01T10:00:00Z', author: 'Ada', subject: 'Tighten the checklist' },
    },
    {
      artifact_id: 'command:deploy',
      type: 'command',
      name: 'deploy',
      path: 'commands/deploy.md',
      description: null,
      last_commit: { sha: 'b2', date: '2026-11-30T10:00:00Z', author: 'Ada', subject: 'Add deploy' },
    },
    {
      artifact_id: 'agent:architect',
      type: 'agent',
      name: 'architect',
      path: 'agents/architect.md',
      description: 'Designs',
      last_commit: null,
    },
  ],
};

const PLANNED = job({
  job_id: 'dry-1',
  kind: 'add',
  direction: 'upstream_to_collection',
  state: 'success',
  plans: [plan('skill:release-check', 'create', ['SKILL.md']), plan('command:deploy', 'create', ['deploy.md'])],
});
const ADDED = job({ job_id: 'apply-1', kind: 'add', direction: 'upstream_to_collection', state: 'running', pct: 40 });

function open() {
  return renderWithJobs((following) => (
    <AddFromGitDialog {...following} collection="team" existingIds={['agent:architect']} onClose={() => {}} />
  ));
}

async function browse(url: string, ref = '') {
  fireEvent.change(screen.getByLabelText('Repository URL'), { target: { value: url } });
  fireEvent.change(screen.getByLabelText('Ref (optional)'), { target: { value: ref } });
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Browse' })));
}

function describedError(label: string): string | null | undefined {
  const input = screen.getByLabelText(label);
  expect(input.getAttribute('aria-invalid')).toBe('true');
  return document.getElementById(input.getAttribute('aria-describedby') as string)?.textContent;
}

describe('AddFromGitDialog', () => {
  it('lists what the repository holds, previews the chosen artifacts, then adds them', async () => {
    const calls = mockFetch((call) => {
      if (call.method === 'GET') {
        return { body: LISTING };
      }
      return { status: 202, body: (call.body as { dry_run: boolean }).dry_run ? PLANNED : ADDED };
    });
    open();

    await browse('/srv/git/tools', 'main');

    expect(calls[0].url).toBe('/api/v1/upstreams/artifacts?url=%2Fsrv%2Fgit%2Ftools&ref=main');
    expect(screen.getByText('Tighten the checklist')).toBeTruthy();
    expect(screen.getByText('skills/release-check')).toBeTruthy();
    const existing = screen.getByRole('checkbox', { name: 'Add agent:architect' }) as HTMLInputElement;
    expect(existing.disabled).toBe(true);
    expect(screen.getByText('in collection')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Select all' }));
    expect((screen.getByRole('checkbox', { name: 'Add command:deploy' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(/2 of 2 selected/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Select none' }));
    expect(screen.getByText(/0 of 2 selected/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Select all' }));

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Preview' })));

    expect(calls[1]).toMatchObject({
      method: 'POST',
      url: '/api/v1/collections/team/artifacts',
      body: {
        upstream: '/srv/git/tools',
        ref: 'main',
        artifacts: [
          { path: 'skills/release-check', type: 'skill', name: 'release-check' },
          { path: 'commands/deploy.md', type: 'command', name: 'deploy' },
        ],
        dry_run: true,
      },
    });
    expect(screen.getAllByText('Create', { selector: '.plan-action' })).toHaveLength(2);

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add 2 artifacts' })));

    expect((calls[2].body as { dry_run: boolean }).dry_run).toBe(false);
    expect(screen.getByLabelText('Adding 2 artifacts progress')).toBeTruthy();
  });

  it('sends no ref when none is given: the collection follows the default branch', async () => {
    const calls = mockFetch((call) => (call.method === 'GET' ? { body: LISTING } : { status: 202, body: PLANNED }));
    open();
    await browse('https://github.com/o/r');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Add command:deploy' }));

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Preview' })));

    expect(calls[0].url).toBe('/api/v1/upstreams/artifacts?url=https%3A%2F%2Fgithub.com%2Fo%2Fr');
    expect(calls[1].body).toEqual({ upstream: 'https://github.com/o/r', artifacts: [{ path: 'commands/deploy.md', type: 'command', name: 'deploy' }], dry_run: true });
  });

  it('shows a ref the repository lacks under the ref field', async () => {
    mockFetch(() => ({ status: 400, body: { status: 400, field: 'ref', detail: "ref 'nope' is not a branch, tag or commit of the repository" } }));
    open();

    await browse('/srv/git/tools', 'nope');

    expect(describedError('Ref (optional)')).toBe("ref 'nope' is not a branch, tag or commit of the repository");
  });

  it.each([
    [400, { field: 'url', detail: 'url: not a Git URL' }, 'url: not a Git URL'],
    [502, { detail: 'connection refused by git.example.com' }, 'The repository host could not be reached: connection refused by git.example.com'],
    [504, { detail: 'the fetch took longer than 30 s' }, 'The repository took too long to answer: the fetch took longer than 30 s'],
  ])('shows a %i under the URL field', async (status, problem, shown) => {
    mockFetch(() => ({ status, body: { status, ...problem } }));
    open();

    await browse('https://git.example.com/r');

    expect(describedError('Repository URL')).toBe(shown);
    expect(screen.queryByRole('table')).toBeNull();
  });
});
