import { useState } from 'react';
import { ArtifactDetail } from '../features/artifacts/artifact-detail';
import { ArtifactsList } from '../features/artifacts/artifacts-list';
import { getArtifacts, useArtifacts } from '../features/artifacts/api/get-artifacts';
import { GettingStarted, UpstreamBehind } from '../features/collections';
import { DiffPanel, type DiffPair } from '../features/diff/diff-panel';
import { VersionDiff } from '../features/diff/version-diff';
import type { ArtifactItem, Direction } from '../types/api';
import type { Scope } from '../types/scope';
import type { Dialog } from './workbench-dialogs';

/** The first edge that needs attention decides the default sync direction and diff pair. */
function suggestion(item: ArtifactItem | undefined): { direction: Direction; pair: DiffPair } {
  const s = item?.status;
  if (s?.collection_to_project && s.collection_to_project !== 'synced' && s.collection_to_project !== 'missing') {
    return { direction: s.collection_to_project === 'modified' ? 'project_to_collection' : 'collection_to_project', pair: 'C↔P' };
  }
  if (s?.collection_to_project === 'missing' && !s.upstream_to_collection) {
    return { direction: 'collection_to_project', pair: 'C↔P' };
  }
  return { direction: 'upstream_to_collection', pair: 'U↔C' };
}

interface CollectionViewProps {
  scope: Scope;
  selected: string | null;
  onSelect: (artifactId: string | null) => void;
  /** Grows when a job ends: what it changed is read again. */
  reloadKey: number;
  onOpen: (dialog: Dialog) => void;
}

/** One collection (and project): the artifacts list, and the selected artifact's detail with its diff. */
export function CollectionView({ scope, selected, onSelect, reloadKey: jobsEnded, onOpen }: CollectionViewProps) {
  // Refresh fetches the upstreams (so new upstream commits show), then everything is read again.
  const [refreshes, setRefreshes] = useState(0);
  const [refreshing, setRefreshing] = useState(false);
  // A policy written from the detail: the list reads it again (no upstream fetch needed).
  const [policyChanges, setPolicyChanges] = useState(0);
  const reloadKey = jobsEnded + refreshes;
  const artifacts = useArtifacts(scope, reloadKey + policyChanges);
  const selectedItem = artifacts.data?.items.find((i) => i.artifact_id === selected);
  const hint = suggestion(selectedItem);
  async function refresh() {
    setRefreshing(true);
    // A failed fetch shows in the list's own read that follows.
    await getArtifacts(scope, undefined, true).catch(() => undefined);
    setRefreshing(false);
    setRefreshes((n) => n + 1);
  }
  const openAdd = () =>
    onOpen({ kind: 'add', existingIds: artifacts.data?.items.filter((i) => i.collection_hash !== null).map((i) => i.artifact_id) ?? [] });

  return (
    <main className={`workspace${selected ? ' with-detail' : ''}`}>
      <ArtifactsList
        artifacts={artifacts}
        hasProject={Boolean(scope.projectPath)}
        selectedId={selected}
        onSelect={onSelect}
        onRefresh={() => void refresh()}
        refreshing={refreshing}
        onSyncShown={(ids) => onOpen({ kind: 'sync', artifactIds: ids, direction: 'upstream_to_collection' })}
        onAction={(action, artifactId) => onOpen({ kind: action, artifactId })}
        toolbar={
          <button type="button" className="btn" onClick={openAdd}>
            Add from Git…
          </button>
        }
        empty={<GettingStarted collection={scope.collection} onCreate={() => onOpen({ kind: 'create' })} onAddFromGit={openAdd} />}
      />
      {selected && (
        <ArtifactDetail
          key={`${selected}|${scope.collection}|${scope.projectPath}`}
          artifactId={selected}
          scope={scope}
          reloadKey={reloadKey}
          onSync={() => onOpen({ kind: 'sync', artifactIds: [selected], direction: hint.direction })}
          onPush={() => onOpen({ kind: 'push', artifactId: selected })}
          onAction={(action) => onOpen({ kind: action, artifactId: selected })}
          onClose={() => onSelect(null)}
          onPolicyChanged={() => setPolicyChanges((n) => n + 1)}
          historyDiff={(lhs, rhs) => <VersionDiff artifactId={selected} scope={scope} lhs={lhs} rhs={rhs} />}
          onRollback={(tier, hash) => onOpen({ kind: 'rollback', artifactId: selected, tier, toHash: hash })}
          upstreamExtra={
            <UpstreamBehind
              artifactId={selected}
              collection={scope.collection}
              reloadKey={reloadKey}
              onBump={() => onOpen({ kind: 'pin', artifactId: selected })}
            />
          }
        >
          <DiffPanel artifactId={selected} scope={scope} initialPair={hint.pair} reloadKey={reloadKey} />
        </ArtifactDetail>
      )}
    </main>
  );
}
