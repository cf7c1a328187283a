import { Empty } from '../../components/states';
import { formatTime } from '../../lib/format';
import type { UpstreamItem } from '../../types/api';

interface UpstreamTableProps {
  items: UpstreamItem[];
  /** Artifact ids the collection already lists: marked, not selectable. */
  existing: ReadonlySet<string>;
  selected: ReadonlySet<string>;
  onChange: (selected: Set<string>) => void;
}

/** What an upstream repository holds, with a checkbox per artifact the collection lacks. */
export function UpstreamTable({ items, existing, selected, onChange }: UpstreamTableProps) {
  const selectable = items.filter((i) => !existing.has(i.artifact_id)).map((i) => i.artifact_id);
  if (items.length === 0) {
    return <Empty title="This repository holds no artifact at this ref." />;
  }
  function toggle(id: string, on: boolean) {
    const next = new Set(selected);
    if (on) {
      next.add(id);
    } else {
      next.delete(id);
    }
    onChange(next);
  }
  return (
    <>
      <div className="table-actions">
        <button type="button" className="btn btn-small" disabled={selectable.length === 0} onClick={() => onChange(new Set(selectable))}>
          Select all
        </button>
        <button type="button" className="btn btn-small" disabled={selected.size === 0} onClick={() => onChange(new Set())}>
          Select none
        </button>
        <span className="muted small">
          {selected.size} of {selectable.length} selected
          {existing.size > 0 && items.some((i) => existing.has(i.artifact_id)) ? ' (the others are already in the collection)' : ''}
        </span>
      </div>
      <table className="table upstream-table">
        <caption className="sr-only">Artifacts in the repository</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Add</span>
            </th>
            <th scope="col">Type</th>
            <th scope="col">Name</th>
            <th scope="col">Path</th>
            <th scope="col">Description</th>
            <th scope="col">Last commit</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const inCollection = existing.has(item.artifact_id);
            return (
              <tr key={item.artifact_id} className={inCollection ? 'muted' : undefined}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Add ${item.artifact_id}`}
                    checked={inCollection || selected.has(item.artifact_id)}
                    disabled={inCollection}
                    onChange={(e) => toggle(item.artifact_id, e.target.checked)}
                  />
                </td>
                <td>
                  <span className="type-tag">{item.type}</span>
                </td>
                <td>
                  {item.name}
                  {inCollection && <span className="tag">in collection</span>}
                </td>
                <td>
                  <code>{item.path}</code>
                </td>
                <td className="small">{item.description ?? <span className="muted">—</span>}</td>
                <td className="small">
                  {item.last_commit ? (
                    <>
                      <div>{item.last_commit.subject}</div>
                      <div className="muted" title={item.last_commit.sha}>
                        {formatTime(item.last_commit.date)}
                      </div>
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
