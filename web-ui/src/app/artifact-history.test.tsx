import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { HistoryTimeline } from '../features/artifacts/history-timeline';
import { TierCard } from '../features/artifacts/tier-card';
import { VersionDiff } from '../features/diff/version-diff';
import { mockFetch } from '../test/fetch-mock';
import type { ArtifactHistory, DiffView } from '../types/api';

const H0 = '0'.repeat(63) + 'a';
const H1 = '1'.repeat(63) + 'b';
const SCOPE = { collection: 'team', projectPath: '/work/app' };

const HISTORY: ArtifactHistory = {
  artifact_id: 'skill:review',
  upstream: [
    { hash: H0, at: '2026-11-01T09:00:00Z', source: 'outside', job_id: null, actor: 'Ada <ada@example.com>', note: null, upstream_commit: 'c0ffee'.padEnd(40, '0'), upstream_subject: 'Add review' },
  ],
  collection: [
    { hash: H0, at: '2026-11-01T10:00:00Z', source: 'job', job_id: 'job-fetch', actor: 'token:ab12', note: 'upstream_to_collection create', upstream_commit: 'c0ffee'.padEnd(40, '0'), upstream_subject: 'Add review' },
    { hash: H1, at: '2026-11-03T10:00:00Z', source: 'job', job_id: 'job-back', actor: 'token:ab12', note: 'project_to_collection update', upstream_commit: null, upstream_subject: null },
  ],
  project: [
    { hash: H0, at: '2026-11-01T11:00:00Z', source: 'job', job_id: 'job-deploy', actor: 'token:ab12', note: 'collection_to_project create', upstream_commit: null, upstream_subject: null },
    { hash: H1, at: '2026-11-02T08:00:00Z', source: 'outside', job_id: null, actor: null, note: 'seen on disk', upstream_commit: null, upstream_subject: null },
  ],
};

const DIFF: DiffView = {
  artifact_id: 'skill:review',
  lhs: 'collection',
  rhs: 'project',
  lhs_hash: H0,
  rhs_hash: H1,
  identical: false,
  files: [
    {
      path: 'SKILL.md', status: 'modified', lines_added: 1, lines_removed: 1, binary: false, old_size: 8, new_size: 20,
      old_sha256: 'a'.repeat(64), new_sha256: 'b'.repeat(64), old_mode: '100644', new_mode: '100644', line_endings_only: false,
      unified_diff: '--- a/SKILL.md\n+++ b/SKILL.md\n@@ -1,1 +1,1 @@\n-b\n+edited in the project\n', omitted_reason: null, download_url: null,
    },
  ],
  summary: { files_added: 0, files_removed: 0, files_modified: 1, lines_added: 1, lines_removed: 1 },
  truncated: false,
  truncated_reason: null,
  download_url: null,
};

function renderTimeline(onRollback?: (tier: 'collection' | 'project', hash: string) => void) {
  const calls = mockFetch((call) => {
    if (call.url.startsWith('/api/v1/artifacts/skill%3Areview/history')) return { body: HISTORY };
    if (call.url.startsWith('/api/v1/artifacts/skill%3Areview/diff')) return { body: DIFF };
    return undefined;
  });
  render(
    <HistoryTimeline
      artifactId="skill:review"
      scope={SCOPE}
      reloadKey={0}
      renderDiff={(lhs, rhs) => <VersionDiff artifactId="skill:review" scope={SCOPE} lhs={lhs} rhs={rhs} />}
      onRollback={onRollback}
    />,
  );
  return calls;
}

describe('the history timeline', () => {
  it('shows every version of each tier in order, with its job, actor or outside source', async () => {
    const calls = renderTimeline();
    await screen.findByLabelText('Project history');
    expect(calls[0].url).toBe('/api/v1/artifacts/skill%3Areview/history?collection=team&project_path=%2Fwork%2Fapp');

    const project = within(screen.getByLabelText('Project history')).getAllByRole('listitem');
    expect(project).toHaveLength(2);
    expect(project[0].textContent).toContain('job job-deploy');
    expect(project[0].textContent).toContain('token:ab12');
    expect(project[0].textContent).toContain('collection_to_project create');
    expect(project[1].textContent).toContain('outside tiersync');
    expect(project[1].textContent).toContain('seen on disk');

    const collection = within(screen.getByLabelText('Collection history')).getAllByRole('listitem');
    expect(collection.map((li) => li.textContent)).toEqual([
      expect.stringContaining('job job-fetch'),
      expect.stringContaining('job job-back'),
    ]);
    expect(collection[0].textContent).toContain('Add review');

    const upstream = within(screen.getByLabelText('Upstream history')).getAllByRole('listitem');
    expect(upstream[0].textContent).toContain('upstream commit');
    expect(upstream[0].textContent).toContain('Ada <ada@example.com>');
    expect(screen.getByText('Pick two versions to compare them.')).toBeTruthy();
  });

  it('diffs any two picked entries by hash, first picked on the left', async () => {
    const calls = renderTimeline();
    await screen.findByLabelText('Project history');
    const boxes = (tier: string) => within(screen.getByLabelText(`${tier} history`)).getAllByRole('checkbox');

    fireEvent.click(boxes('Collection')[0]);
    expect(screen.getByText('Pick one more version to compare.')).toBeTruthy();
    await act(async () => fireEvent.click(boxes('Project')[1]));

    const diffCall = calls.find((c) => c.url.includes('/diff'));
    expect(diffCall).toBeDefined();
    const query = new URL(diffCall!.url, 'http://x').searchParams;
    expect(Object.fromEntries(query)).toEqual({
      lhs: 'collection',
      rhs: 'project',
      collection: 'team',
      project_path: '/work/app',
      lhs_hash: H0,
      rhs_hash: H1,
    });
    const diff = screen.getByLabelText('Diff of the picked versions');
    expect(await within(diff).findByText('edited in the project', { exact: false })).toBeTruthy();

    // A third pick replaces the older of the two; picking a picked entry again drops it.
    await act(async () => fireEvent.click(boxes('Upstream')[0]));
    expect(boxes('Collection')[0]).toHaveProperty('checked', false);
    expect(boxes('Project')[1]).toHaveProperty('checked', true);
    expect(boxes('Upstream')[0]).toHaveProperty('checked', true);
    fireEvent.click(boxes('Project')[1]);
    expect(screen.getByText('Pick one more version to compare.')).toBeTruthy();
  });

  it('offers a rollback to each earlier version of the collection and the project, never upstream', async () => {
    const onRollback = vi.fn();
    renderTimeline(onRollback);
    await screen.findByLabelText('Project history');
    const buttons = (tier: string) => within(screen.getByLabelText(`${tier} history`)).queryAllByRole('button', { name: /^Roll back/ });

    expect(buttons('Upstream')).toHaveLength(0);
    // The last entry is what the tier holds now: nothing to roll back to.
    expect(buttons('Collection')).toHaveLength(1);
    expect(buttons('Project')).toHaveLength(1);
    expect(buttons('Collection')[0].textContent).toBe('Roll back to this version');

    fireEvent.click(buttons('Project')[0]);

    expect(onRollback).toHaveBeenCalledWith('project', H0);
  });
});

describe('the tier card', () => {
  it('says the tier was rolled back, while it holds the rolled-back version', () => {
    render(
      <TierCard
        tier="collection"
        absentNote=""
        version={{
          hash: H0, timestamp: '2026-11-04T10:00:00Z', source: 'team', path: '/c/skills/review', ref: 'main', commit: null,
          lineage: [], base_hash: H1, behind: 0,
          rolled_back: { from_hash: H1, to_hash: H0, at: '2026-11-04T10:00:00Z', job_id: 'job-rb' },
        }}
      />,
    );

    const card = screen.getByLabelText('Collection version');
    expect(card.textContent).toContain('Rolled back');
    expect(card.textContent).toContain(`rolled back from ${H1.slice(0, 7)}`);
    expect(within(card).getByText(`rolled back from ${H1.slice(0, 7)}`).getAttribute('title')).toContain('job job-rb');
  });
});
