import { useCallback, useState } from 'react';
import { Toasts } from '../components/toasts';
import { ArtifactDetail } from '../features/artifacts/artifact-detail';
import { ArtifactsList } from '../features/artifacts/artifacts-list';
import { useArtifacts } from '../features/artifacts/api/get-artifacts';
import { DebugDrawer } from '../features/debug/debug-drawer';
import { DiffPanel, type DiffPair } from '../features/diff/diff-panel';
import { JobsPanel } from '../features/jobs/jobs-panel';
import { SyncDialog } from '../features/jobs/sync-dialog';
import { PushUpstreamDialog } from '../features/patch/push-upstream-dialog';
import { ConflictModal } from '../features/resolve/conflict-modal';
import { WorkspaceSelectors } from '../features/workspace/workspace-selectors';
import { useJobTracker } from '../lib/job-tracker';
import { isTerminal, type ArtifactItem, type Direction, type Job, type Workspace } from '../types/api';
import type { Scope } from '../types/scope';

type Dialog =
  | { kind: 'sync'; artifactIds: string[]; direction: Direction }
  | { kind: 'resolve'; job: Job }
  | { kind: 'push'; artifactId: string };

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

function ProgressBadge({ onOpen }: { onOpen: () => void }) {
  const { jobs, tracked } = useJobTracker();
  const running = tracked.map((t) => jobs[t.jobId]).filter((j): j is Job => Boolean(j) && !isTerminal(j.state));
  const pct = running.length === 0 ? 0 : Math.round(running.reduce((n, j) => n + j.pct, 0) / running.length);
  return (
    <button type="button" className="btn jobs-button" onClick={onOpen} aria-label={running.length > 0 ? `Jobs: ${running.length} running, ${pct}%` : 'Jobs'}>
      Jobs
      {running.length > 0 && (
        <span className="progress-badge">
          <span className="spin" aria-hidden="true">
            ⟳
          </span>{' '}
          {running.length} running · {pct}%
        </span>
      )}
    </button>
  );
}

/** The signed-in page: header with selectors, artifacts list, detail with diff, drawers, dialogs. */
export function Workbench({ workspace, onSignOut }: { workspace: Workspace; onSignOut: () => void }) {
  const tracker = useJobTracker();
  const [scope, setScope] = useState<Scope>(() => ({
    collection: workspace.collections.includes('default') ? 'default' : (workspace.collections[0] ?? 'default'),
    projectPath: workspace.projects[0]?.path ?? null,
  }));
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [jobsOpen, setJobsOpen] = useState(false);
  const [debug, setDebug] = useState<{ open: boolean; jobId: string | null }>({ open: false, jobId: null });
  const artifacts = useArtifacts(scope, tracker.endedCount);
  const selectedItem = artifacts.data?.items.find((i) => i.artifact_id === selected);
  const closeDialog = useCallback(() => setDialog(null), []);
  const closeJobs = useCallback(() => setJobsOpen(false), []);
  const closeDebug = useCallback(() => setDebug({ open: false, jobId: null }), []);

  function openResolve(jobId: string) {
    const job = tracker.jobs[jobId];
    if (job) {
      setDialog({ kind: 'resolve', job });
    }
  }

  const hint = suggestion(selectedItem);
  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            ⇅
          </span>{' '}
          tiersync
        </span>
        <WorkspaceSelectors
          workspace={workspace}
          scope={scope}
          onChange={(s) => {
            setScope(s);
            setSelected(null);
          }}
        />
        <div className="header-actions">
          <ProgressBadge onOpen={() => setJobsOpen(true)} />
          <button type="button" className="btn" onClick={() => setDebug({ open: !debug.open, jobId: null })} aria-pressed={debug.open}>
            Debug
          </button>
          <button type="button" className="btn btn-ghost" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main className={`workspace${selected ? ' with-detail' : ''}`}>
        <ArtifactsList
          artifacts={artifacts}
          hasProject={Boolean(scope.projectPath)}
          selectedId={selected}
          onSelect={setSelected}
          onSyncShown={(ids) => setDialog({ kind: 'sync', artifactIds: ids, direction: 'upstream_to_collection' })}
        />
        {selected && (
          <ArtifactDetail
            key={`${selected}|${scope.collection}|${scope.projectPath}`}
            artifactId={selected}
            scope={scope}
            reloadKey={tracker.endedCount}
            onSync={() => setDialog({ kind: 'sync', artifactIds: [selected], direction: hint.direction })}
            onPush={() => setDialog({ kind: 'push', artifactId: selected })}
            onClose={() => setSelected(null)}
          >
            <DiffPanel artifactId={selected} scope={scope} initialPair={hint.pair} reloadKey={tracker.endedCount} />
          </ArtifactDetail>
        )}
      </main>
      {jobsOpen && (
        <JobsPanel
          onClose={closeJobs}
          onResolve={(job) => setDialog({ kind: 'resolve', job: tracker.jobs[job.job_id] ?? job })}
          onInspect={(jobId) => setDebug({ open: true, jobId })}
        />
      )}
      {debug.open && <DebugDrawer onClose={closeDebug} focusJobId={debug.jobId} />}
      {dialog?.kind === 'sync' && <SyncDialog artifactIds={dialog.artifactIds} scope={scope} initialDirection={dialog.direction} onClose={closeDialog} />}
      {dialog?.kind === 'resolve' && <ConflictModal job={dialog.job} onClose={closeDialog} />}
      {dialog?.kind === 'push' && scope.projectPath && (
        <PushUpstreamDialog
          artifactId={dialog.artifactId}
          collection={scope.collection}
          projectPath={scope.projectPath}
          defaultFormat={workspace.patch_format}
          onClose={closeDialog}
        />
      )}
      <Toasts toasts={tracker.toasts} onDismiss={tracker.dismiss} onResolve={openResolve} />
    </div>
  );
}
