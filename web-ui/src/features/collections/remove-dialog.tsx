import { useState } from 'react';
import { Modal } from '../../components/modal';
import { Notice } from '../../components/states';
import type { Job } from '../../types/api';
import { removeArtifact } from './api/remove-artifact';
import { PlannedJobFooter, PlannedJobStatus } from '../../components/planned-job-parts';
import { useOnOpen, usePlannedJob, type JobFollowing } from '../../lib/use-planned-job';

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
        <PlannedJobFooter
          flow={flow}
          onClose={onClose}
          applyLabel="Remove"
          danger
          canApply={flow.canApply && confirmed}
          onApply={() => void flow.apply(send(false), `Remove ${artifactId} from ${collection}`)}
        />
      }
    >
      <p className="muted">
        Takes <code>{artifactId}</code> out of collection <strong>{collection}</strong>: its files and its entries in{' '}
        <code>collection.toml</code>, <code>collection.lock</code> and the sidecar. Project copies are left alone; every removed version stays
        in tiersync’s history store.
      </p>
      <PlannedJobStatus flow={flow} label={`Removing ${artifactId}`}>
          {flow.canApply && (
            <Notice tone="warn">
              <label className="choice inline">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
                Yes, remove <code>{artifactId}</code> from <strong>{collection}</strong>
              </label>
            </Notice>
          )}
      </PlannedJobStatus>
    </Modal>
  );
}
