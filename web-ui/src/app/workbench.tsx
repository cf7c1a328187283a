import { useCallback, useState } from 'react';
import { ArtifactDetail } from '../features/artifacts/artifact-detail';
import { ArtifactsList } from '../features/artifacts/artifacts-list';
import { useArtifacts } from '../features/artifacts/api/get-artifacts';
import { DebugDrawer } from '../features/debug/debug-drawer';
import { DiffPanel, type DiffPair } from '../features/diff/diff-panel';
import { feedModeLabel, JobsButton, JobsPanel, JobToasts, SyncDialog, toastId, useJobTracker } from '../features/jobs';
import { PushUpstreamDialog } from '../features/patch/push-upstream-dialog';
import { ConflictModal } from '../features/resolve/conflict-modal';
import { WorkspaceSelectors } from '../features/workspace/workspace-selectors';
import type { ArtifactItem, Direction, Job, Workspace } from '../types/api';
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

  // Other features only see the jobs as props, and report the jobs they start through these.
  function trackPatch(patchJob: Job, label: string) {
    tracker.track(patchJob, { label, notify: true });
  }

  function trackResolve(conflicted: Job, resolveJob: Job, label: string) {
    tracker.track(resolveJob, { label, notify: true });
    tracker.dismiss(toastId(conflicted.job_id, 'conflict'));
  }

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
          <JobsButton onOpen={() => setJobsOpen(true)} />
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
      {debug.open && <DebugDrawer onClose={closeDebug} focusJobId={debug.jobId} jobs={tracker.jobs} updates={feedModeLabel(tracker.mode)} />}
      {dialog?.kind === 'sync' && <SyncDialog artifactIds={dialog.artifactIds} scope={scope} initialDirection={dialog.direction} onClose={closeDialog} />}
      {dialog?.kind === 'resolve' && (
        <ConflictModal
          job={dialog.job}
          jobs={tracker.jobs}
          onStarted={(resolveJob, label) => trackResolve(dialog.job, resolveJob, label)}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'push' && scope.projectPath && (
        <PushUpstreamDialog
          artifactId={dialog.artifactId}
          collection={scope.collection}
          projectPath={scope.projectPath}
          defaultFormat={workspace.patch_format}
          jobs={tracker.jobs}
          onStarted={trackPatch}
          onClose={closeDialog}
        />
      )}
      <JobToasts onResolve={openResolve} />
    </div>
  );
}
