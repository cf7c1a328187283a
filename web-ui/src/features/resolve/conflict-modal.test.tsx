import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { job, mockFetch } from '../../test/fetch-mock';
import type { DirectedJob, Job } from '../../types/api';
import { ConflictModal } from './conflict-modal';

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
});
