import { useState } from 'react';
import { DryRunPlan } from '../../components/dry-run-plan';
import { JobProgress } from '../../components/job-progress';
import { Modal } from '../../components/modal';
import { ErrorState, Notice } from '../../components/states';
import type { Job } from '../../types/api';
import { removeArtifact } from './api/remove-artifact';
import { useOnOpen, usePlannedJob, type JobFollowing } from './use-planned-job';

interface RemoveDialogProps extends JobFollowing {
  artifactId: string;
  collection: string;
  /** The artifact is out of the collection. */
  onRemoved: (job: Job) => void;
  onClose: () => void;
}

/** Remove from collection: the plan of what goes (shown at once), a confirmation, then the removal. */
export function RemoveDialog({ artifactId, collection, onRemoved, onClose, ...following }: RemoveDialogProps) {
  const flow = usePlannedJob(following, onRemoved);
  const [confirmed, setConfirmed] = useState(false);
  const send = (dry: boolean) => () => removeArtifact(collection, artifactId, dry);

  // The plan is the first thing to see: there is nothing to choose before it.
  useOnOpen(() => void flow.preview(send(true), `remove ${artifactId} from ${collection}`));

  return (
    <Modal
      title="Remove from collection"
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {flow.applied ? 'Close' : 'Cancel'}
          </button>
          {!flow.applied && (
            <button
              type="button"
              className="btn btn-danger"
              disabled={!flow.canApply || !confirmed || flow.pending}
              onClick={() => void flow.apply(send(false), `Remove ${artifactId} from ${collection}`)}
            >
              Remove
            </button>
          )}
        </>
      }
    >
      <p className="muted">
        Takes <code>{artifactId}</code> out of collection <strong>{collection}</strong>: its files and its entries in{' '}
        <code>collection.toml</code>, <code>collection.lock</code> and the sidecar. Project copies are left alone; every removed version stays
        in tiersync’s history store.
      </p>
      {flow.error && <ErrorState message={flow.error.message} />}
      {flow.dryRun && !flow.applied && (
        <DryRunPlan job={flow.dryRun}>
          {flow.canApply && (
            <Notice tone="warn">
              <label className="choice inline">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
                Yes, remove <code>{artifactId}</code> from <strong>{collection}</strong>
              </label>
            </Notice>
          )}
        </DryRunPlan>
      )}
      {flow.applied && <JobProgress job={flow.applied} label={`Removing ${artifactId}`} />}
    </Modal>
  );
}
