import { pathName } from '../lib/format';
import { Empty } from './states';
import type { JobPlan } from '../types/api';

const ACTIONS: Record<JobPlan['action'], { icon: string; label: string }> = {
  create: { icon: '+', label: 'Create' },
  update: { icon: '↑', label: 'Update' },
  merge: { icon: '⇄', label: 'Merge' },
  conflict: { icon: '⚠', label: 'Conflict' },
  none: { icon: '=', label: 'No change' },
  skip: { icon: '⤼', label: 'Skip' },
  remove: { icon: '−', label: 'Remove' },
  error: { icon: '✕', label: 'Cannot sync' },
};

function Files({ sign, label, paths }: { sign: string; label: string; paths: string[] }) {
  if (paths.length === 0) {
    return null;
  }
  return (
    <li>
      <span className="muted">{label}:</span>{' '}
      {paths.map((p) => (
        <code key={p} className="plan-file">
          <span aria-hidden="true">{sign}</span>
          {p}
        </code>
      ))}
    </li>
  );
}

/**
 * A dry run's plan: per artifact, the action, the files it touches and the predicted conflicts.
 * A job over several projects plans each (artifact, project): a Project column then says which,
 * the rows grouped by project.
 */
export function PlanTable({ plans }: { plans: JobPlan[] }) {
  if (plans.length === 0) {
    return <Empty title="The dry run planned nothing: no artifact in scope." />;
  }
  const perProject = plans.some((p) => p.project_path);
  const rows = perProject ? [...plans].sort((a, b) => (a.project_path ?? '').localeCompare(b.project_path ?? '')) : plans;
  return (
    <table className="table plan-table">
      <caption className="sr-only">Dry-run plan</caption>
      <thead>
        <tr>
          {perProject && <th scope="col">Project</th>}
          <th scope="col">Artifact</th>
          <th scope="col">Action</th>
          <th scope="col">Files</th>
          <th scope="col">Predicted conflicts</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => {
          const action = ACTIONS[p.action] ?? { icon: '?', label: p.action };
          return (
            <tr key={`${p.project_path ?? ''}|${p.artifact_id}`}>
              {perProject && (
                <td title={p.project_path ?? undefined}>
                  <strong>{p.project_path ? pathName(p.project_path) : '—'}</strong>
                </td>
              )}
              <td>
                <code>{p.artifact_id}</code>
              </td>
              <td>
                <span className={`plan-action plan-${p.action}`}>
                  <span aria-hidden="true">{action.icon}</span> {action.label}
                </span>
                {(p.reason ?? p.error) && <div className="muted small">{p.reason ?? p.error}</div>}
              </td>
              <td>
                <ul className="plain">
                  <Files sign="+" label="added" paths={p.files_added} />
                  <Files sign="−" label="removed" paths={p.files_removed} />
                  <Files sign="~" label="modified" paths={p.files_modified} />
                </ul>
                {p.files_added.length + p.files_removed.length + p.files_modified.length === 0 && <span className="muted">none</span>}
              </td>
              <td>
                {p.predicted_conflicts.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <ul className="plain">
                    {p.predicted_conflicts.map((c) => (
                      <li key={c.path}>
                        <span aria-hidden="true">⚠ </span>
                        <code>{c.path}</code> <span className="muted">({c.kind})</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
