import { AddFromGitDialog, AdoptDialog, CreateCollectionDialog, PinDialog, RemoveDialog, UndeployDialog } from '../features/collections';
import { TierDiff } from '../features/diff/tier-diff';
import { VersionDiff } from '../features/diff/version-diff';
import { RollbackDialog } from '../features/rollback';
import { SyncDialog, toastId, useJobTracker } from '../features/jobs';
import { PushUpstreamDialog } from '../features/patch/push-upstream-dialog';
import { ConflictModal } from '../features/resolve/conflict-modal';
import type { ArtifactAction } from '../lib/artifact-actions';
import type { DirectedJob, Direction, RollbackTier, Workspace } from '../types/api';
import type { Scope } from '../types/scope';
import { useJobFollowing } from './use-job-following';

/** The dialog the page shows, if any. */
export type Dialog =
  | { kind: 'sync'; artifactIds: string[]; direction: Direction }
  | { kind: 'resolve'; job: DirectedJob }
  | { kind: 'push'; artifactId: string }
  | { kind: 'create'; thenAdd?: boolean }
  | { kind: 'add'; existingIds: string[] }
  | { kind: 'rollback'; artifactId: string; tier: RollbackTier; toHash: string }
  | { kind: ArtifactAction; artifactId: string };

interface WorkbenchDialogsProps {
  dialog: Dialog;
  scope: Scope;
  workspace: Workspace;
  onClose: () => void;
  /** A collection was created: select it (and, when asked, go on to add artifacts to it). */
  onCreated: (name: string, thenAdd: boolean) => void;
  /** An artifact left the collection. */
  onRemoved: (artifactId: string) => void;
}

/** Renders the open dialog with what it needs from the page: the scope and the job tracker. */
export function WorkbenchDialogs({ dialog, scope, workspace, onClose, onCreated, onRemoved }: WorkbenchDialogsProps) {
  const tracker = useJobTracker();
  const following = useJobFollowing();
  const project = scope.projectPath;
  switch (dialog.kind) {
    case 'sync':
      return <SyncDialog artifactIds={dialog.artifactIds} scope={scope} initialDirection={dialog.direction} onClose={onClose} />;
    case 'resolve':
      return (
        <ConflictModal
          job={dialog.job}
          jobs={tracker.jobs}
          onStarted={(resolveJob, label) => {
            tracker.track(resolveJob, { label, notify: true });
            tracker.dismiss(toastId(dialog.job.job_id, 'conflict'));
          }}
          onClose={onClose}
        />
      );
    case 'push':
      return project ? (
        <PushUpstreamDialog
          artifactId={dialog.artifactId}
          collection={scope.collection}
          projectPath={project}
          defaultFormat={workspace.patch_format}
          jobs={tracker.jobs}
          onStarted={(patchJob, label) => tracker.track(patchJob, { label, notify: true })}
          onClose={onClose}
        />
      ) : null;
    case 'create':
      return (
        <CreateCollectionDialog
          {...following}
          reason={dialog.thenAdd ? 'Artifacts from a Git repository go into a collection: create one first.' : undefined}
          onCreated={(name) => onCreated(name, Boolean(dialog.thenAdd))}
          onClose={onClose}
        />
      );
    case 'add':
      return <AddFromGitDialog {...following} collection={scope.collection} existingIds={dialog.existingIds} onClose={onClose} />;
    case 'pin':
      return <PinDialog {...following} artifactId={dialog.artifactId} collection={scope.collection} onClose={onClose} />;
    case 'remove':
      return (
        <RemoveDialog
          {...following}
          artifactId={dialog.artifactId}
          collection={scope.collection}
          onRemoved={() => onRemoved(dialog.artifactId)}
          onClose={onClose}
        />
      );
    case 'undeploy':
      return project ? (
        <UndeployDialog
          {...following}
          artifactId={dialog.artifactId}
          collection={scope.collection}
          projectPath={project}
          localEdits={<TierDiff artifactId={dialog.artifactId} lhs="base" rhs="project" scope={scope} mode="unified" reloadKey={0} />}
          onClose={onClose}
        />
      ) : null;
    case 'rollback':
      return (
        <RollbackDialog
          {...following}
          artifactId={dialog.artifactId}
          scope={scope}
          tier={dialog.tier}
          toHash={dialog.toHash}
          renderDiff={(from, to) => (
            <VersionDiff artifactId={dialog.artifactId} scope={scope} lhs={{ tier: dialog.tier, hash: from }} rhs={{ tier: dialog.tier, hash: to }} />
          )}
          onClose={onClose}
        />
      );
    case 'adopt':
      return project ? <AdoptDialog {...following} artifactId={dialog.artifactId} collection={scope.collection} projectPath={project} onClose={onClose} /> : null;
  }
}
