import { useState } from 'react';
import { PlannedJobFooter, PlannedJobStatus } from '../../components/planned-job-parts';
import { PolicyBadges } from '../../components/policy-badges';
import { Empty } from '../../components/states';
import { StatusBadge } from '../../components/status-badge';
import { pluralize } from '../../lib/format';
import { usePlannedJob, type JobFollowing } from '../../lib/use-planned-job';
import type { FleetArtifact, FleetProject } from '../../types/api';
import { syncToProjects } from './api/sync-to-projects';

interface FleetSyncPanelProps extends JobFollowing {
  collection: string;
  artifact: FleetArtifact;
  /** The matrix's projects, in its cells' order. */
  projects: FleetProject[];
  onClose: () => void;
}

/**
 * One artifact of the fleet: the projects where it is not synced (all chosen at first), then "Sync
 * to these projects": one job's plan per project, then Apply and its result per project.
 */
export function FleetSyncPanel({ collection, artifact, projects, onClose, ...following }: FleetSyncPanelProps) {
  const names = new Map(projects.map((p) => [p.path, p.name]));
  const behind = artifact.cells.filter((c) => c.collection_to_project !== null && c.collection_to_project !== 'synced');
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const chosen = behind.map((c) => c.project_path).filter((p) => !unchecked.has(p));
  const flow = usePlannedJob(following);
  const id = artifact.artifact_id;
  // Once applied, the cells turn synced and leave the list: the result keeps the count it was sent with.
  const [sentTo, setSentTo] = useState<number | null>(null);
  const what = `${id} to ${pluralize(sentTo ?? chosen.length, 'project')}`;
  const send = (dry: boolean) => () => syncToProjects(collection, id, chosen, dry);

  function toggle(path: string, on: boolean) {
    const next = new Set(unchecked);
    if (on) {
      next.delete(path);
    } else {
      next.add(path);
    }
    setUnchecked(next);
    flow.reset();
  }

  return (
    <section className="panel fleet-side" aria-labelledby="fleet-sync-heading">
      <div className="panel-header">
        <h2 id="fleet-sync-heading">
          {id} <PolicyBadges policy={artifact.policy} />
        </h2>
        <button type="button" className="btn btn-ghost" aria-label="Close artifact" onClick={onClose}>
          ✕
        </button>
      </div>
      <p className="small">
        Upstream → collection: <StatusBadge status={artifact.upstream_to_collection} reason={artifact.upstream_reason ?? 'no upstream'} />
      </p>
      {behind.length === 0 && !flow.applied ? (
        <Empty title="Synced in every project shown." />
      ) : (
        behind.length > 0 && (
          <fieldset className="choices" disabled={flow.pending || flow.applied !== null}>
            <legend>Projects not synced</legend>
            {behind.map((c) => (
              <label key={c.project_path} className="choice fleet-target" title={c.project_path}>
                <input type="checkbox" checked={!unchecked.has(c.project_path)} onChange={(e) => toggle(c.project_path, e.target.checked)} />
                <span>
                  <strong>{names.get(c.project_path) ?? c.project_path}</strong>
                  <small className="muted">{c.collection_to_project === 'missing' ? 'not deployed there: it will be created' : (c.reason ?? '')}</small>
                </span>
                <StatusBadge status={c.collection_to_project} reason={c.reason} />
              </label>
            ))}
          </fieldset>
        )
      )}
      <PlannedJobStatus flow={flow} label={`Sync ${what}`}>
        <p className="muted">One job: applying syncs the collection’s version into each project, taking the projects’ locks in a fixed order.</p>
      </PlannedJobStatus>
      <div className="panel-actions fleet-side-actions">
        <PlannedJobFooter
          flow={flow}
          onClose={onClose}
          onPreview={() => void flow.preview(send(true), `Collection → Project, ${what}`)}
          previewLabel="Sync to these projects"
          previewDisabled={chosen.length === 0}
          applyLabel="Apply"
          onApply={() => {
            setSentTo(chosen.length);
            void flow.apply(send(false), `Collection → Project, ${what}`);
          }}
        />
      </div>
    </section>
  );
}
