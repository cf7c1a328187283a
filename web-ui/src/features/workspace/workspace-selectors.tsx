import type { Workspace } from '../../types/api';
import type { Scope } from '../../types/scope';

interface WorkspaceSelectorsProps {
  workspace: Workspace;
  scope: Scope;
  onChange: (scope: Scope) => void;
}

/** The collection and project the whole page looks at. */
export function WorkspaceSelectors({ workspace, scope, onChange }: WorkspaceSelectorsProps) {
  // The selected collection may be newer than the workspace read (just created): offer it anyway.
  const collections = workspace.collections.includes(scope.collection) || !scope.collection ? workspace.collections : [...workspace.collections, scope.collection];
  return (
    <div className="selectors">
      <label className="select-label">
        <span>Collection</span>
        <select value={scope.collection} disabled={collections.length === 0} onChange={(e) => onChange({ ...scope, collection: e.target.value })}>
          {collections.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="select-label">
        <span>Project</span>
        <select value={scope.projectPath ?? ''} onChange={(e) => onChange({ ...scope, projectPath: e.target.value || null })}>
          <option value="">No project</option>
          {workspace.projects.map((p) => (
            <option key={p.path} value={p.path} title={p.path}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
