import { useState, type ReactNode } from 'react';
import { Modal } from '../../components/modal';
import { PlannedJobFooter, PlannedJobStatus } from '../../components/planned-job-parts';
import { Notice } from '../../components/states';
import { shortHash, TIER_LABELS } from '../../lib/format';
import { useOnOpen, usePlannedJob, type JobFollowing } from '../../lib/use-planned-job';
import type { RollbackTier } from '../../types/api';
import type { Scope } from '../../types/scope';
import { rollback } from './api/rollback';

interface RollbackDialogProps extends JobFollowing {
  artifactId: string;
  scope: Scope;
  tier: RollbackTier;
  /** The version to write back: an entry of the artifact's history. */
  toHash: string;
  /** The diff of what the tier holds now and that version, composed by the page (before → after). */
  renderDiff?: (fromHash: string, toHash: string) => ReactNode;
  onClose: () => void;
}

/**
 * Roll a tier's copy back to an earlier version: the dry-run plan (before → after and the diff) at
 * once, then the rollback job, followed like any other. A rollback of the collection also holds the
 * artifact unless unticked, so the drift watch leaves it alone.
 */
export function RollbackDialog({ artifactId, scope, tier, toHash, renderDiff, onClose, ...following }: RollbackDialogProps) {
  const flow = usePlannedJob(following);
  const [hold, setHold] = useState(true);
  const send = (dry: boolean) => () =>
    rollback(artifactId, {
      tier,
      to_hash: toHash,
      collection: scope.collection,
      ...(tier === 'project' && scope.projectPath ? { project_path: scope.projectPath } : {}),
      dry_run: dry,
      ...(tier === 'collection' ? { hold } : {}),
    });
  const where = tier === 'project' ? `the project ${scope.projectPath ?? ''}` : `collection ${scope.collection}`;

  useOnOpen(() => void flow.preview(send(true), `roll back ${artifactId} in ${where}`));

  const item = flow.dryRun?.state === 'success' ? flow.dryRun.artifacts.find((a) => a.artifact_id === artifactId) : undefined;
  const before = item?.before_hash ?? null;

  return (
    <Modal
      title={`Roll back ${TIER_LABELS[tier].toLowerCase()}`}
      onClose={onClose}
      wide
      footer={
        <PlannedJobFooter flow={flow} onClose={onClose} applyLabel="Roll back" danger onApply={() => void flow.apply(send(false), `Roll back ${artifactId} in ${where}`)} />
      }
    >
      <p className="muted">
        Writes version <span className="mono">{shortHash(toHash)}</span> of <code>{artifactId}</code> back into {where}. Its merge base
        stays, so later syncs merge into the rollback instead of undoing it.
      </p>
      {tier === 'collection' && !flow.applied && (
        <label className="choice inline">
          <input type="checkbox" checked={hold} onChange={(e) => setHold(e.target.checked)} />
          Hold the artifact afterwards (the drift watch will not update it)
        </label>
      )}
      <PlannedJobStatus flow={flow} label={`Rolling back ${artifactId}`}>
        {item && (
          <p aria-label="Before and after">
            <span className="mono">{shortHash(before)}</span> → <span className="mono">{shortHash(toHash)}</span>
          </p>
        )}
        {item && before === toHash && <Notice tone="info">The {TIER_LABELS[tier].toLowerCase()} already holds this version.</Notice>}
        {item && before && before !== toHash && renderDiff?.(before, toHash)}
      </PlannedJobStatus>
    </Modal>
  );
}
