import { fireEvent, render, screen, within } from '@testing-library/react';
import type { ArtifactItem, ArtifactList } from '../../types/api';
import type { Resource } from '../../lib/use-resource';
import { ArtifactsList } from './artifacts-list';

function item(name: string, overrides: Partial<ArtifactItem> = {}): ArtifactItem {
  return {
    artifact_id: `skill:${name}`,
    type: 'skill',
    name,
    status: {
      upstream_to_collection: 'synced',
      collection_to_project: 'synced',
      overall: 'synced',
      upstream_to_collection_reason: null,
      collection_to_project_reason: null,
    },
    upstream_hash: null,
    collection_hash: null,
    project_hash: null,
    upstream_error: null,
    error: null,
    ...overrides,
  };
}

const BAD = item('escapes', {
  status: {
    upstream_to_collection: 'error',
    collection_to_project: 'synced',
    overall: 'error',
    upstream_to_collection_reason: 'collection.toml:9: artifacts[1].path: leaves the collection',
    collection_to_project_reason: null,
  },
  error: 'collection.toml:9: artifacts[1].path: leaves the collection',
});

function resource(items: ArtifactItem[]): Resource<ArtifactList> {
  return {
    data: { items } as unknown as ArtifactList,
    error: null,
    loading: false,
    reload: () => {},
  } as unknown as Resource<ArtifactList>;
}

const HANDLERS = {
  hasProject: true,
  selectedId: null,
  onSelect: () => {},
  onSyncShown: () => {},
  onRefresh: () => {},
  refreshing: false,
  onAction: () => {},
  empty: <p>nothing here</p>,
};

describe('ArtifactsList', () => {
  it('lists an artifact with a bad tier-file entry as an error beside the valid ones', () => {
    render(
      <ArtifactsList artifacts={resource([item('fine'), BAD])} {...HANDLERS} />,
    );

    expect(screen.getByRole('button', { name: 'Open skill:fine' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open skill:escapes' })).toBeTruthy();
    const badge = screen
      .getAllByTitle(BAD.status.upstream_to_collection_reason as string)
      .find((e) => e.classList.contains('badge')) as HTMLElement;
    expect(badge.textContent).toContain('Error');
    expect(screen.getByText('bad tier-file entry')).toBeTruthy();
  });

  it('filters by the error status', () => {
    render(
      <ArtifactsList artifacts={resource([item('fine'), BAD])} {...HANDLERS} />,
    );

    fireEvent.change(screen.getAllByRole('combobox')[1], { target: { value: 'error' } });

    expect(screen.queryByRole('button', { name: 'Open skill:fine' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Open skill:escapes' })).toBeTruthy();
  });

  it('shows the empty state it is given when the collection has no artifacts', () => {
    render(<ArtifactsList artifacts={resource([])} {...HANDLERS} />);

    expect(screen.getByText('nothing here')).toBeTruthy();
  });

  it('offers per row only the actions that apply, and reports the one picked', () => {
    const onAction = vi.fn();
    const inBoth = item('both', { collection_hash: 'c1', project_hash: 'p1' });
    const projectOnly = item('local', {
      collection_hash: null,
      project_hash: 'p2',
      status: { ...inBoth.status, upstream_to_collection: null },
    });
    render(<ArtifactsList artifacts={resource([inBoth, projectOnly])} {...HANDLERS} onAction={onAction} />);

    const menu = (id: string) => screen.getByLabelText(`Actions for ${id}`).closest('details') as HTMLElement;
    const labels = (id: string) => [...menu(id).querySelectorAll('[role="menuitem"]')].map((b) => b.textContent);
    expect(labels('skill:both')).toEqual(['Pin / bump…', 'Remove from collection…', 'Undeploy from project…']);
    expect(labels('skill:local')).toEqual(['Undeploy from project…', 'Adopt into collection…']);

    fireEvent.click(within(menu('skill:local')).getByRole('menuitem', { name: 'Adopt into collection…' }));

    expect(onAction).toHaveBeenCalledWith('adopt', 'skill:local');
  });

  it('shows the policy badges and when the upstream was last checked, the exact time as its title', () => {
    const checked = new Date(Date.now() - 3 * 60000).toISOString();
    const held = item('held', {
      upstream_checked_at: checked,
      policy: { held: true, hold_reason: 'freeze', hold_until: '2027-01-01T00:00:00Z', hold_expired: false, auto_update: 'off' },
    });
    const auto = item('auto', { upstream_checked_at: null, policy: { held: false, hold_reason: null, hold_until: null, hold_expired: true, auto_update: 'clean' } });
    render(<ArtifactsList artifacts={resource([held, auto])} {...HANDLERS} />);

    const row = (id: string) => screen.getByRole('button', { name: `Open ${id}` }).closest('tr') as HTMLElement;
    expect(within(row('skill:held')).getByText('Held').title).toContain('Held: freeze; until');
    const note = within(row('skill:held')).getByText('upstream checked 3 min ago');
    expect(note.title).toBe(new Date(checked).toLocaleString());
    expect(within(row('skill:auto')).getByText('Expired hold')).toBeTruthy();
    expect(within(row('skill:auto')).getByText('Auto-update')).toBeTruthy();
    expect(within(row('skill:auto')).getByText('upstream checked never')).toBeTruthy();
  });

  it('says which tier was rolled back, from which version, beside that edge', () => {
    const rolled = item('rolled', {
      collection_rolled_back: { from_hash: '2a71a6937a5d' + '0'.repeat(52), to_hash: '8831816349' + '0'.repeat(54), at: '2026-12-06T16:10:46Z', job_id: 'job-a312' },
      project_rolled_back: null,
    });
    render(<ArtifactsList artifacts={resource([rolled, item('plain')])} {...HANDLERS} />);

    const row = (id: string) => screen.getByRole('button', { name: `Open ${id}` }).closest('tr') as HTMLElement;
    const badge = within(row('skill:rolled')).getByText('Rolled back from 2a71a69');
    expect(badge.closest('td')).toBe(row('skill:rolled').querySelectorAll('td')[2]);
    expect(badge.title).toContain('The collection was rolled back from 2a71a69 to 8831816');
    expect(badge.title).toContain('(job job-a312)');
    expect(within(row('skill:plain')).queryByText(/Rolled back/)).toBeNull();
  });
});
