import { useCallback, useState } from 'react';
import { GettingStarted } from '../features/collections';
import { DebugDrawer } from '../features/debug/debug-drawer';
import { FleetView } from '../features/fleet/fleet-view';
import { feedModeLabel, JobsButton, JobsPanel, JobToasts, useJobTracker } from '../features/jobs';
import { WorkspaceSelectors } from '../features/workspace/workspace-selectors';
import { readParam, writeParams } from '../lib/url-state';
import { isDirected, type Job, type Workspace } from '../types/api';
import type { Scope } from '../types/scope';
import { CollectionView } from './collection-view';
import { useJobFollowing } from './use-job-following';
import { WorkbenchDialogs, type Dialog } from './workbench-dialogs';

interface WorkbenchProps {
  workspace: Workspace;
  /** Reads the workspace again (a collection was created). */
  onWorkspaceChanged: () => void;
  onSignOut: () => void;
}

/** The two views of a collection: its artifacts (with the detail), or the fleet (artifacts × projects). */
type View = 'artifacts' | 'fleet';

const VIEW_LABELS: Record<View, string> = { artifacts: 'Artifacts', fleet: 'Fleet' };

/** The signed-in page: header with selectors and views, the selected view, drawers, dialogs. */
export function Workbench({ workspace, onWorkspaceChanged, onSignOut }: WorkbenchProps) {
  const tracker = useJobTracker();
  const following = useJobFollowing();
  const [view, setView] = useState<View>(() => (readParam('view') === 'fleet' ? 'fleet' : 'artifacts'));
  // Jobs ending and the watch's drift events both change what the views show.
  const reloadKey = tracker.endedCount + tracker.driftCount;
  const [scope, setScope] = useState<Scope>(() => ({
    collection: workspace.collections.includes('default') ? 'default' : (workspace.collections[0] ?? ''),
    projectPath: workspace.projects[0]?.path ?? null,
  }));
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [jobsOpen, setJobsOpen] = useState(false);
  const [debug, setDebug] = useState<{ open: boolean; jobId: string | null }>({ open: false, jobId: null });
  const closeDialog = useCallback(() => setDialog(null), []);
  const closeJobs = useCallback(() => setJobsOpen(false), []);
  const closeDebug = useCallback(() => setDebug({ open: false, jobId: null }), []);

  function openResolve(job: Job | undefined) {
    if (job && isDirected(job)) {
      setDialog({ kind: 'resolve', job });
    }
  }

  function created(name: string, thenAdd: boolean) {
    onWorkspaceChanged();
    setScope((s) => ({ ...s, collection: name }));
    setSelected(null);
    setDialog(thenAdd ? { kind: 'add', existingIds: [] } : null);
  }

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
        <nav className="view-tabs" aria-label="Views">
          {(['artifacts', 'fleet'] as View[]).map((v) => (
            <button
              key={v}
              type="button"
              className="btn"
              aria-current={view === v ? 'page' : undefined}
              onClick={() => {
                setView(v);
                writeParams({ view: v === 'fleet' ? v : null });
              }}
            >
              {VIEW_LABELS[v]}
            </button>
          ))}
        </nav>
        <div className="header-actions">
          <button type="button" className="btn" onClick={() => setDialog({ kind: 'create' })}>
            New collection
          </button>
          <JobsButton onOpen={() => setJobsOpen(true)} />
          <button type="button" className="btn" onClick={() => setDebug({ open: !debug.open, jobId: null })} aria-pressed={debug.open}>
            Debug
          </button>
          <button type="button" className="btn btn-ghost" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      {scope.collection && view === 'fleet' ? (
        <FleetView key={scope.collection} {...following} collection={scope.collection} workspaceProjects={workspace.projects} reloadKey={reloadKey} />
      ) : scope.collection ? (
        <CollectionView scope={scope} selected={selected} onSelect={setSelected} reloadKey={reloadKey} onOpen={setDialog} />
      ) : (
        <main className="workspace">
          <section className="panel" aria-label="Getting started">
            <GettingStarted
              collection={null}
              onCreate={() => setDialog({ kind: 'create' })}
              onAddFromGit={() => setDialog({ kind: 'create', thenAdd: true })}
            />
          </section>
        </main>
      )}
      {jobsOpen && (
        <JobsPanel
          onClose={closeJobs}
          onResolve={(job) => openResolve(tracker.jobs[job.job_id] ?? job)}
          onInspect={(jobId) => setDebug({ open: true, jobId })}
        />
      )}
      {debug.open && <DebugDrawer onClose={closeDebug} focusJobId={debug.jobId} jobs={tracker.jobs} updates={feedModeLabel(tracker.mode)} />}
      {dialog && (
        <WorkbenchDialogs
          dialog={dialog}
          scope={scope}
          workspace={workspace}
          onClose={closeDialog}
          onCreated={created}
          onRemoved={(artifactId) => setSelected((s) => (s === artifactId ? null : s))}
        />
      )}
      <JobToasts onResolve={(jobId) => openResolve(tracker.jobs[jobId])} />
    </div>
  );
}
