import { useCallback, useRef, useState } from 'react';
import { CheckedAt } from '../../components/checked-at';
import { Empty, ErrorState, Loading, Notice } from '../../components/states';
import { useNow } from '../../lib/use-now';
import type { JobFollowing } from '../../lib/use-planned-job';
import { readParam, readParams, writeParams } from '../../lib/url-state';
import { ARTIFACT_TYPES, type ArtifactType, type FleetArtifact, type WorkspaceProject } from '../../types/api';
import { useFleet, type FleetFilters } from './api/get-fleet';
import { Counts, FleetMatrix } from './fleet-matrix';
import { FleetSyncPanel } from './fleet-sync-panel';
import { ProjectFilter } from './project-filter';

interface FleetViewProps extends JobFollowing {
  collection: string;
  /** The workspace's projects: offered by the project filter with those the fleet answers name. */
  workspaceProjects: WorkspaceProject[];
  /** Grows when a job ends or the watch reports drift: the matrix is read again. */
  reloadKey: number;
}

function filtersFromUrl(): FleetFilters {
  const type = readParam('type');
  return {
    drift: readParam('drift') === 'true',
    type: ARTIFACT_TYPES.includes(type as ArtifactType) ? (type as ArtifactType) : '',
    projects: readParams('project'),
  };
}

/**
 * The fleet: every artifact of the collection against every known project, with counts per
 * status, filters kept in the address, and "Sync to these projects" for the selected artifact.
 */
export function FleetView({ collection, workspaceProjects, reloadKey, ...following }: FleetViewProps) {
  const [filters, setFilters] = useState<FleetFilters>(filtersFromUrl);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const fleet = useFleet(collection, filters, reloadKey);
  const now = useNow();
  const select = useCallback((id: string) => setSelectedId(id), []);

  // Every project seen stays offered by the filter, also while the answer is narrowed to some.
  const seen = useRef(new Map<string, string>());
  for (const p of [...workspaceProjects, ...(fleet.data?.projects ?? [])]) {
    seen.current.set(p.path, p.name);
  }
  const options = [...seen.current].map(([path, name]) => ({ path, name })).sort((a, b) => a.name.localeCompare(b.name));

  // The selected row stays in view after a reload that filters it out (e.g. "only drift" once synced).
  const lastRow = useRef<FleetArtifact | null>(null);
  const live = fleet.data?.artifacts.find((a) => a.artifact_id === selectedId) ?? null;
  if (live) {
    lastRow.current = live;
  }
  const row = selectedId ? (live ?? (lastRow.current?.artifact_id === selectedId ? lastRow.current : null)) : null;

  function change(next: Partial<FleetFilters>) {
    const all = { ...filters, ...next };
    setFilters(all);
    writeParams({ drift: all.drift ? 'true' : null, type: all.type || null, project: all.projects });
  }

  const data = fleet.data;
  return (
    <main className={`workspace fleet${row ? ' with-side' : ''}`}>
      <section className="panel fleet-panel" aria-labelledby="fleet-heading">
        <div className="panel-header">
          <h2 id="fleet-heading">
            Fleet <span className="muted small">{collection}</span>
          </h2>
          {data && <CheckedAt at={data.upstream_checked_at} now={now} />}
        </div>
        {data && (
          <dl className="fleet-totals" aria-label="Counts per status">
            <dt>Overall</dt>
            <dd>
              <Counts counts={data.counts.overall} />
            </dd>
            <dt>Upstream → Collection</dt>
            <dd>
              <Counts counts={data.counts.upstream_to_collection} />
            </dd>
            <dt>Collection → Project</dt>
            <dd>
              <Counts counts={data.counts.collection_to_project} />
            </dd>
          </dl>
        )}
        <div className="filters" role="search">
          <label className="choice inline fleet-drift">
            <input type="checkbox" checked={filters.drift} onChange={(e) => change({ drift: e.target.checked })} />
            Only drift
          </label>
          <label className="select-label">
            <span>Type</span>
            <select value={filters.type} onChange={(e) => change({ type: e.target.value as ArtifactType | '' })}>
              <option value="">All types</option>
              {ARTIFACT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <ProjectFilter options={options} chosen={filters.projects} onChange={(projects) => change({ projects })} />
        </div>
        {fleet.error && !data ? (
          <ErrorState message={`Could not load the fleet: ${fleet.error}`} onRetry={fleet.reload} />
        ) : !data ? (
          <Loading label="Loading the fleet…" />
        ) : data.artifacts.length === 0 ? (
          <Empty title={filters.drift || filters.type || filters.projects.length > 0 ? 'No artifact matches these filters.' : `Collection ${collection} has no artifacts yet.`} />
        ) : data.projects.length === 0 ? (
          <Empty title="No project is known yet: none under the project roots, and no job named one." />
        ) : (
          <FleetMatrix
            key={`${collection}|${filters.drift}|${filters.type}|${filters.projects.join('\n')}`}
            projects={data.projects}
            artifacts={data.artifacts}
            selectedId={selectedId}
            onSelect={select}
          />
        )}
        {data && data.errors.length > 0 && (
          <Notice tone="warn">
            <strong>Entries of collection.toml that break a rule</strong>
            <ul className="plain small">
              {data.errors.map((e) => (
                <li key={`${e.file}:${e.line}:${e.key}`}>
                  <code>{e.line ? `${e.file}:${e.line}` : e.file}</code> {e.key && <code>{e.key}</code>}: {e.message}
                </li>
              ))}
            </ul>
          </Notice>
        )}
        {fleet.error && data && (
          <p className="form-error" role="alert">
            Reading the fleet again failed: {fleet.error}
          </p>
        )}
      </section>
      {row && data && (
        <FleetSyncPanel key={row.artifact_id} {...following} collection={collection} artifact={row} projects={data.projects} onClose={() => setSelectedId(null)} />
      )}
    </main>
  );
}
