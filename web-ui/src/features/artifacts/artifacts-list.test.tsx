import { fireEvent, render, screen } from '@testing-library/react';
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

describe('ArtifactsList', () => {
  it('lists an artifact with a bad tier-file entry as an error beside the valid ones', () => {
    render(
      <ArtifactsList artifacts={resource([item('fine'), BAD])} hasProject selectedId={null} onSelect={() => {}} onSyncShown={() => {}} />,
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
      <ArtifactsList artifacts={resource([item('fine'), BAD])} hasProject selectedId={null} onSelect={() => {}} onSyncShown={() => {}} />,
    );

    fireEvent.change(screen.getAllByRole('combobox')[1], { target: { value: 'error' } });

    expect(screen.queryByRole('button', { name: 'Open skill:fine' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Open skill:escapes' })).toBeTruthy();
  });
});
