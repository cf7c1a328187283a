import type { WorkspaceProject } from '../../types/api';

interface ProjectFilterProps {
  /** Every project that can be chosen. */
  options: WorkspaceProject[];
  /** The chosen paths; none: every project. */
  chosen: string[];
  onChange: (paths: string[]) => void;
}

/** A multi-select of projects: a disclosure holding one checkbox per project. */
export function ProjectFilter({ options, chosen, onChange }: ProjectFilterProps) {
  const toggle = (path: string, on: boolean) => onChange(on ? [...chosen, path] : chosen.filter((p) => p !== path));
  return (
    <div className="select-label">
      <span id="project-filter-label">Projects</span>
      <details className="multi-select">
        <summary className="btn" aria-describedby="project-filter-label">
          {chosen.length === 0 ? 'All projects' : `${chosen.length} of ${options.length} projects`}
        </summary>
        <fieldset className="multi-select-items">
          <legend className="sr-only">Show these projects</legend>
          {options.map((p) => (
            <label key={p.path} className="choice" title={p.path}>
              <input type="checkbox" checked={chosen.includes(p.path)} onChange={(e) => toggle(p.path, e.target.checked)} />
              {p.name}
            </label>
          ))}
          <button type="button" className="btn btn-small" disabled={chosen.length === 0} onClick={() => onChange([])}>
            Show all projects
          </button>
        </fieldset>
      </details>
    </div>
  );
}
