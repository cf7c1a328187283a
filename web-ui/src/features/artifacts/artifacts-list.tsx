import { useMemo, useState, type ReactNode } from 'react';
import { CheckedAt } from '../../components/checked-at';
import { PolicyBadges } from '../../components/policy-badges';
import { RolledBackBadge } from '../../components/rolled-back-badge';
import { StatusBadge } from '../../components/status-badge';
import { TypeTag } from '../../components/type-tag';
import { Empty, ErrorState, Loading } from '../../components/states';
import { ARTIFACT_TYPES, SYNC_STATUSES, type ArtifactItem, type ArtifactList } from '../../types/api';
import { ACTION_LABELS, availableActions, type ArtifactAction } from '../../lib/artifact-actions';
import { useNow } from '../../lib/use-now';
import type { Resource } from '../../lib/use-resource';

interface ArtifactsListProps {
  artifacts: Resource<ArtifactList>;
  hasProject: boolean;
  selectedId: string | null;
  onSelect: (artifactId: string) => void;
  onSyncShown: (artifactIds: string[]) => void;
  /** Refresh: read the upstreams again, then the list. */
  onRefresh: () => void;
  refreshing: boolean;
  /** A row's actions menu picked an action. */
  onAction: (action: ArtifactAction, artifactId: string) => void;
  /** More buttons for the list's header (e.g. Add from a Git repository). */
  toolbar?: ReactNode;
  /** What to show when the collection has no artifacts. */
  empty: ReactNode;
}

function RowActions({ item, hasProject, onAction }: { item: ArtifactItem; hasProject: boolean; onAction: ArtifactsListProps['onAction'] }) {
  const actions = availableActions({
    inCollection: item.collection_hash !== null,
    inProject: hasProject && item.project_hash !== null,
    hasUpstream: item.status.upstream_to_collection !== null,
  });
  if (actions.length === 0) {
    return null;
  }
  return (
    <details className="row-menu">
      <summary className="btn btn-small btn-ghost" aria-label={`Actions for ${item.artifact_id}`}>
        ⋯
      </summary>
      <ul className="plain row-menu-items" role="menu">
        {actions.map((a) => (
          <li key={a} role="none">
            <button
              type="button"
              role="menuitem"
              className="link-button"
              onClick={(e) => {
                e.currentTarget.closest('details')?.removeAttribute('open');
                onAction(a, item.artifact_id);
              }}
            >
              {ACTION_LABELS[a]}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

function matches(item: ArtifactItem, type: string, status: string, search: string): boolean {
  if (type && item.type !== type) {
    return false;
  }
  const s = item.status;
  if (status && s.upstream_to_collection !== status && s.collection_to_project !== status && s.overall !== status) {
    return false;
  }
  return !search || item.artifact_id.toLowerCase().includes(search.toLowerCase());
}

/** The artifacts of the collection (and project) with both edges' status, filterable. */
export function ArtifactsList({ artifacts, hasProject, selectedId, onSelect, onSyncShown, onRefresh, refreshing, onAction, toolbar, empty }: ArtifactsListProps) {
  const [type, setType] = useState('');
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const now = useNow();
  const items = artifacts.data?.items;
  const shown = useMemo(() => (items ?? []).filter((i) => matches(i, type, status, search)), [items, type, status, search]);

  return (
    <section className="panel artifacts" aria-labelledby="artifacts-heading">
      <div className="panel-header">
        <h2 id="artifacts-heading">Artifacts</h2>
        <div className="panel-actions">
          {toolbar}
          <button type="button" className="btn" onClick={onRefresh} disabled={artifacts.loading || refreshing}>
            {refreshing ? 'Refreshing…' : 'Refresh'}
          </button>
          <button type="button" className="btn btn-primary" disabled={shown.length === 0} onClick={() => onSyncShown(shown.map((i) => i.artifact_id))}>
            Sync / Update {shown.length > 0 ? `(${shown.length})` : ''}
          </button>
        </div>
      </div>
      <div className="filters" role="search">
        <label className="select-label">
          <span>Search</span>
          <input type="search" placeholder="Name or id" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label className="select-label">
          <span>Type</span>
          <select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">All types</option>
            {ARTIFACT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="select-label">
          <span>Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All statuses</option>
            {SYNC_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      {artifacts.error && !artifacts.data ? (
        <ErrorState message={`Could not load the artifacts: ${artifacts.error}`} onRetry={artifacts.reload} />
      ) : !artifacts.data ? (
        <Loading label="Loading artifacts…" />
      ) : artifacts.data.items.length === 0 ? (
        empty
      ) : shown.length === 0 ? (
        <Empty title="No artifact matches these filters." />
      ) : (
        <table className="table artifact-table">
          <caption className="sr-only">Artifacts with the status of each edge</caption>
          <thead>
            <tr>
              <th scope="col">Artifact</th>
              <th scope="col">Type</th>
              <th scope="col">Upstream → Collection</th>
              <th scope="col">Collection → Project</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((item) => (
              <tr key={item.artifact_id} className={item.artifact_id === selectedId ? 'selected' : undefined}>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onSelect(item.artifact_id)}
                    aria-label={`Open ${item.artifact_id}`}
                    aria-current={item.artifact_id === selectedId ? 'true' : undefined}
                  >
                    {item.name}
                  </button>
                  {item.error && (
                    <span className="inline-warn" title={item.error}>
                      <span aria-hidden="true">⚠</span> bad tier-file entry
                    </span>
                  )}
                  {item.upstream_error && (
                    <span className="inline-warn" title={item.upstream_error}>
                      <span aria-hidden="true">⚠</span> upstream unreadable
                    </span>
                  )}
                  {item.policy && (
                    <span className="badges policy">
                      <PolicyBadges policy={item.policy} />
                    </span>
                  )}
                </td>
                <td>
                  <TypeTag type={item.type} />
                </td>
                <td>
                  <StatusBadge status={item.status.upstream_to_collection} reason={item.status.upstream_to_collection_reason ?? 'no upstream'} />
                  <RolledBackBadge tier="collection" rollback={item.collection_rolled_back} />
                  {item.status.upstream_to_collection && item.upstream_checked_at !== undefined && <CheckedAt at={item.upstream_checked_at} now={now} />}
                </td>
                <td>
                  <StatusBadge
                    status={item.status.collection_to_project}
                    reason={item.status.collection_to_project_reason ?? (hasProject ? null : 'no project selected')}
                  />
                  <RolledBackBadge tier="project" rollback={item.project_rolled_back} />
                </td>
                <td>
                  <RowActions item={item} hasProject={hasProject} onAction={onAction} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {artifacts.error && artifacts.data && <p className="form-error" role="alert">Refresh failed: {artifacts.error}</p>}
    </section>
  );
}
