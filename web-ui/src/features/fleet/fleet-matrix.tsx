import { memo, useMemo, useState } from 'react';
import { PolicyBadges } from '../../components/policy-badges';
import { StatusBadge, StatusCount } from '../../components/status-badge';
import { TypeTag } from '../../components/type-tag';
import { SYNC_STATUSES, type EdgeStatus, type FleetArtifact, type FleetCell, type FleetProject, type StatusCounts } from '../../types/api';

/**
 * Rows per page. The matrix is paginated rather than virtualised: a page of 100 rows × 10 projects
 * is 1,000 cells, which renders at once, keeps every row a real table row (find-in-page, screen
 * readers, printing work) and needs no measuring of row heights.
 */
export const PAGE_SIZE = 100;

const COUNTED: readonly EdgeStatus[] = [...SYNC_STATUSES, 'unreachable'];

/** The non-zero counts, in the order of the status filter (then `unreachable`). */
export function Counts({ counts }: { counts: StatusCounts }) {
  const shown = COUNTED.filter((s) => (counts[s] ?? 0) > 0);
  return (
    <span className="counts">
      {shown.length === 0 ? <span className="muted">none</span> : shown.map((s) => <StatusCount key={s} status={s} count={counts[s] ?? 0} />)}
    </span>
  );
}

function cellTitle(cell: FleetCell): string {
  const what = cell.reason ?? (cell.collection_to_project === null ? 'neither the collection nor the project has it' : cell.collection_to_project);
  return `${what} · overall: ${cell.overall ?? '—'}`;
}

/** Whether the column is a host's project whose agent did not answer (its cells are from `as_of`). */
function offline(project: FleetProject | undefined): boolean {
  return project?.host !== undefined && project.online === false;
}

/** "offline since …": the time of the host's last answer, in the reader's locale. */
export function offlineSince(project: FleetProject): string {
  return project.as_of ? `offline since ${new Date(project.as_of).toLocaleString()}` : 'offline, never answered';
}

function ProjectHeading({ project }: { project: FleetProject }) {
  const down = offline(project);
  const title = down ? `${project.path} · ${offlineSince(project)}${project.offline_reason ? ` · ${project.offline_reason}` : ''}` : project.path;
  return (
    <th scope="col" title={title} className={down ? 'fleet-offline' : undefined}>
      {project.host !== undefined && <span className="fleet-host">{project.host}</span>}
      <span className="fleet-project">{project.name}</span>
      {down && <span className="fleet-offline-label">{offlineSince(project)}</span>}
      <Counts counts={project.counts} />
    </th>
  );
}

interface RowProps {
  artifact: FleetArtifact;
  /** The columns whose host is offline, by project path. */
  offlinePaths: ReadonlySet<string>;
  selected: boolean;
  onSelect: (artifactId: string) => void;
}

/** One artifact's row; memoised so selecting a row or paging re-renders only the rows that change. */
const FleetRow = memo(function FleetRow({ artifact, offlinePaths, selected, onSelect }: RowProps) {
  return (
    <tr className={selected ? 'selected' : undefined}>
      <th scope="row">
        <button
          type="button"
          className="link-button"
          aria-label={`Select ${artifact.artifact_id}`}
          aria-current={selected ? 'true' : undefined}
          onClick={() => onSelect(artifact.artifact_id)}
        >
          {artifact.name}
        </button>{' '}
        <TypeTag type={artifact.type} />
        {artifact.error && (
          <span className="inline-warn" title={artifact.error}>
            <span aria-hidden="true">⚠</span> bad tier-file entry
          </span>
        )}{' '}
        <span className="badges">
          <PolicyBadges policy={artifact.policy} />
        </span>
      </th>
      <td>
        <StatusBadge status={artifact.upstream_to_collection} reason={artifact.upstream_reason ?? 'no upstream'} />
      </td>
      {artifact.cells.map((cell) => (
        <td key={cell.project_path} className={offlinePaths.has(cell.project_path) ? 'fleet-cell fleet-offline' : 'fleet-cell'}>
          <StatusBadge status={cell.collection_to_project} reason={cellTitle(cell)} />
        </td>
      ))}
    </tr>
  );
});

interface FleetMatrixProps {
  projects: FleetProject[];
  artifacts: FleetArtifact[];
  selectedId: string | null;
  /** Must be stable (rows are memoised on it). */
  onSelect: (artifactId: string) => void;
}

/** Artifacts (rows) × projects (columns), each cell the collection → project badge; a page at a time. */
export function FleetMatrix({ projects, artifacts, selectedId, onSelect }: FleetMatrixProps) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(artifacts.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const first = current * PAGE_SIZE;
  const rows = artifacts.slice(first, first + PAGE_SIZE);
  const offlinePaths = useMemo(() => new Set(projects.filter(offline).map((p) => p.path)), [projects]);
  return (
    <>
      <div className="fleet-scroll">
        <table className="table fleet-table">
          <caption className="sr-only">Artifacts by project: the collection → project status of each</caption>
          <thead>
            <tr>
              <th scope="col">Artifact</th>
              <th scope="col">Upstream → Collection</th>
              {projects.map((p) => (
                <ProjectHeading key={p.path} project={p} />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <FleetRow key={a.artifact_id} artifact={a} offlinePaths={offlinePaths} selected={a.artifact_id === selectedId} onSelect={onSelect} />
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="pager" aria-label="Fleet pages">
          <button type="button" className="btn btn-small" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous
          </button>
          <span>
            Rows {first + 1}–{first + rows.length} of {artifacts.length} (page {current + 1} of {pages})
          </span>
          <button type="button" className="btn btn-small" disabled={current === pages - 1} onClick={() => setPage(current + 1)}>
            Next
          </button>
        </nav>
      )}
    </>
  );
}
