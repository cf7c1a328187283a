import { Modal } from '../../components/modal';
import { adopt } from './api/adopt';
import { PlannedJobFooter, PlannedJobStatus } from '../../components/planned-job-parts';
import { useOnOpen, usePlannedJob, type JobFollowing } from '../../lib/use-planned-job';

interface AdoptDialogProps extends JobFollowing {
  artifactId: string;
  collection: string;
  projectPath: string;
  onClose: () => void;
}

/** Adopt into collection: an artifact only the project has becomes the collection's, tracked from then on. */
export function AdoptDialog({ artifactId, collection, projectPath, onClose, ...following }: AdoptDialogProps) {
  const flow = usePlannedJob(following);
  const send = (dry: boolean) => () => adopt(collection, { project_path: projectPath, artifact_ids: [artifactId], dry_run: dry });

  // The plan is the first thing to see: there is nothing to choose before it.
  useOnOpen(() => void flow.preview(send(true), `adopt ${artifactId} into ${collection}`));

  return (
    <Modal
      title="Adopt into collection"
      onClose={onClose}
      wide
      footer={
        <PlannedJobFooter flow={flow} onClose={onClose} applyLabel="Adopt" onApply={() => void flow.apply(send(false), `Adopt ${artifactId} into ${collection}`)} />
      }
    >
      <p className="muted">
        <code>{artifactId}</code> exists only in the project <code>{projectPath}</code>. Adopting copies it into collection{' '}
        <strong>{collection}</strong> and tracks it from then on.
      </p>
      <PlannedJobStatus flow={flow} label={`Adopting ${artifactId}`} />
    </Modal>
  );
}
