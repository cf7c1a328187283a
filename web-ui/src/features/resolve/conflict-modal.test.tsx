import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { job, mockFetch } from '../../test/fetch-mock';
import type { DirectedJob, Job } from '../../types/api';
import type { ConflictPanes } from './api/conflict-panes';
import { ConflictModal } from './conflict-modal';
import { composeResult } from './three-panes';

const CONFLICTED: DirectedJob = {
  ...job({
    job_id: 'sync-1',
    state: 'conflict',
    request: { artifact_ids: ['agent:architect'], collection: 'default', project_path: '/p', strategy: 'auto', dry_run: false },
    artifacts: [
      { artifact_id: 'agent:architect', outcome: 'conflict', reason: null, files_added: 0, files_removed: 0, files_modified: 1, before_hash: null, after_hash: null },
    ],
    conflicts: [{ artifact_id: 'agent:architect', path: 'architect.md', kind: 'content' }],
  }),
  direction: 'collection_to_project',
};

/** Stands in for the app shell: it keeps the jobs the modal starts, as the job tracker would. */
function WithJobs() {
  const [jobs, setJobs] = useState<Record<string, Job>>({});
  const keep = (started: Job) => setJobs((all) => ({ ...all, [started.job_id]: started }));
  return <ConflictModal job={CONFLICTED} jobs={jobs} onStarted={keep} onClose={() => {}} />;
}

function renderModal() {
  render(<WithJobs />);
}

describe('ConflictModal', () => {
  it('asks a second time before overwriting, then sends the strategy per artifact', async () => {
    const resolved = job({ job_id: 'resolve-1', kind: 'resolve', state: 'success', pct: 100 });
    const calls = mockFetch((call) => ({ status: call.method === 'POST' ? 202 : 200, body: resolved }));
    renderModal();

    expect(screen.getByText('architect.md')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Take collection' }));
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));

    expect(screen.getByText('Overwrite conflicted files?')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Yes, overwrite 1 file' }));

    expect(await screen.findByText(/All conflicts resolved/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ job_id: 'sync-1', strategies: { 'agent:architect': 'theirs' } });
  });

  it('lists the files still unresolved after an auto resolve', async () => {
    const stillConflicted = job({ job_id: 'resolve-2', kind: 'resolve', state: 'conflict', pct: 100, unresolved_files: ['agent:architect/architect.md'] });
    mockFetch((call) => ({ status: call.method === 'POST' ? 202 : 200, body: stillConflicted }));
    renderModal();

    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));

    expect(await screen.findByText('1 file still unresolved')).toBeTruthy();
    expect(screen.getByText('agent:architect/architect.md')).toBeTruthy();
  });

  it('shows three panes side by side and sends the result built hunk by hunk', async () => {
    const resolved = job({ job_id: 'resolve-3', kind: 'resolve', state: 'success', pct: 100 });
    const calls = mockFetch((call) =>
      call.url.includes('/conflicts/')
        ? { body: PANES }
        : { status: call.method === 'POST' ? 202 : 200, body: resolved },
    );
    renderModal();

    fireEvent.click(screen.getByRole('button', { name: 'Compare side by side' }));

    const grid = await screen.findByRole('table', { name: 'Hunks of architect.md' });
    expect(calls.some((c) => c.method === 'GET' && c.url.endsWith('/api/v1/sync/jobs/sync-1/conflicts/agent%3Aarchitect'))).toBe(true);
    expect(within(grid).getByText('Project (left)')).toBeTruthy();
    expect(within(grid).getByText('Collection (right)')).toBeTruthy();
    expect(within(grid).getByText('PROJ')).toBeTruthy();
    expect(within(grid).getByText('COL')).toBeTruthy();
    fireEvent.click(within(grid).getByRole('radio', { name: 'Both' }));
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, overwrite 1 file' }));

    expect(await screen.findByText(/All conflicts resolved/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      job_id: 'sync-1',
      strategies: { 'agent:architect': 'auto' },
      files: { 'agent:architect': { 'architect.md': { content: 'a\nPROJ\nCOL\nc\n' } } },
    });
  });

  it('sends a strategy for the whole file when one is picked instead of hunks', async () => {
    const resolved = job({ job_id: 'resolve-4', kind: 'resolve', state: 'success', pct: 100 });
    const calls = mockFetch((call) =>
      call.url.includes('/conflicts/') ? { body: PANES } : { status: call.method === 'POST' ? 202 : 200, body: resolved },
    );
    renderModal();
    fireEvent.click(screen.getByRole('button', { name: 'Compare side by side' }));
    const select = await screen.findByRole('combobox', { name: 'Strategy for architect.md' });

    fireEvent.change(select, { target: { value: 'union' } });
    expect(screen.queryByRole('table', { name: 'Hunks of architect.md' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, overwrite 1 file' }));

    expect(await screen.findByText(/All conflicts resolved/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      files: { 'agent:architect': { 'architect.md': { strategy: 'union' } } },
    });
  });

  it('names the front matter key of a conflict and builds the file with the keys merged', async () => {
    const resolved = job({ job_id: 'resolve-5', kind: 'resolve', state: 'success', pct: 100 });
    const calls = mockFetch((call) =>
      call.url.includes('/conflicts/') ? { body: FRONT_MATTER_PANES } : { status: call.method === 'POST' ? 202 : 200, body: resolved },
    );
    renderModal();
    fireEvent.click(screen.getByRole('button', { name: 'Compare side by side' }));

    const grid = await screen.findByRole('table', { name: 'Hunks of architect.md' });
    expect(screen.getByText(/Front matter merged key by key/)).toBeTruthy();
    expect(within(grid).getByText('description')).toBeTruthy();
    fireEvent.click(within(grid).getByRole('radio', { name: 'Take right' }));
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, overwrite 1 file' }));

    expect(await screen.findByText(/All conflicts resolved/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      files: { 'agent:architect': { 'architect.md': { content: '---\nname: architect\ndescription: Theirs\ntools: Read\n---\nBody\n' } } },
    });
  });
});


describe('composeResult', () => {
  it('takes left, right or both per conflict hunk and keeps the rest', () => {
    const hunks = PANES.files[0].hunks;
    expect(composeResult(hunks, {})).toBe('a\nPROJ\nc\n');
    expect(composeResult(hunks, { 1: 'right' })).toBe('a\nCOL\nc\n');
    expect(composeResult(hunks, { 1: 'both' })).toBe('a\nPROJ\nCOL\nc\n');
  });

  it('ends a left side without newline before adding the right, as git merge-file --union does', () => {
    const h = { ...PANES.files[0].hunks[1], ours: 'x', theirs: 'y' };
    expect(composeResult([h], { 0: 'both' })).toBe('x\ny');
  });
});

const PANES: ConflictPanes = {
  job_id: 'sync-1',
  artifact_id: 'agent:architect',
  direction: 'collection_to_project',
  project_path: null,
  ours_tier: 'project',
  theirs_tier: 'collection',
  base_hash: 'b',
  ours_hash: 'o',
  theirs_hash: 't',
  files: [
    {
      path: 'architect.md',
      kind: 'content',
      reason: null,
      binary: false,
      omitted_reason: null,
      front_matter: false,
      base: 'a\nb\nc\n',
      ours: 'a\nPROJ\nc\n',
      theirs: 'a\nCOL\nc\n',
      hunks: [
        { kind: 'common', from: 'both', key: null, base_start: 0, base_count: 1, ours_start: 0, ours_count: 1, theirs_start: 0, theirs_count: 1, base: 'a\n', ours: 'a\n', theirs: 'a\n' },
        { kind: 'conflict', from: null, key: null, base_start: 1, base_count: 1, ours_start: 1, ours_count: 1, theirs_start: 1, theirs_count: 1, base: 'b\n', ours: 'PROJ\n', theirs: 'COL\n' },
        { kind: 'common', from: 'both', key: null, base_start: 2, base_count: 1, ours_start: 2, ours_count: 1, theirs_start: 2, theirs_count: 1, base: 'c\n', ours: 'c\n', theirs: 'c\n' },
      ],
    },
  ],
};

/** The key-by-key merge of an agent: description changed two ways, tools only in the collection. */
const FRONT_MATTER_PANES: ConflictPanes = {
  ...PANES,
  files: [
    {
      ...PANES.files[0],
      front_matter: true,
      base: '---\nname: architect\ndescription: Base\ntools: Read, Grep\n---\nBody\n',
      ours: '---\nname: architect\ndescription: Ours\ntools: Read, Grep\n---\nBody\n',
      theirs: '---\nname: architect\ndescription: Theirs\ntools: Read\n---\nBody\n',
      hunks: [
        { kind: 'common', from: 'both', key: null, base_start: null, base_count: null, ours_start: null, ours_count: null, theirs_start: null, theirs_count: null, base: '---\n', ours: '---\n', theirs: '---\n' },
        { kind: 'common', from: 'both', key: null, base_start: null, base_count: null, ours_start: null, ours_count: null, theirs_start: null, theirs_count: null, base: 'name: architect\n', ours: 'name: architect\n', theirs: 'name: architect\n' },
        { kind: 'conflict', from: null, key: 'description', base_start: null, base_count: null, ours_start: null, ours_count: null, theirs_start: null, theirs_count: null, base: 'description: Base\n', ours: 'description: Ours\n', theirs: 'description: Theirs\n' },
        { kind: 'theirs', from: 'collection', key: null, base_start: null, base_count: null, ours_start: null, ours_count: null, theirs_start: null, theirs_count: null, base: 'tools: Read, Grep\n', ours: 'tools: Read, Grep\n', theirs: 'tools: Read\n' },
        { kind: 'common', from: 'both', key: null, base_start: null, base_count: null, ours_start: null, ours_count: null, theirs_start: null, theirs_count: null, base: '---\n', ours: '---\n', theirs: '---\n' },
        { kind: 'common', from: 'both', key: null, base_start: null, base_count: null, ours_start: null, ours_count: null, theirs_start: null, theirs_count: null, base: 'Body\n', ours: 'Body\n', theirs: 'Body\n' },
      ],
    },
  ],
};
