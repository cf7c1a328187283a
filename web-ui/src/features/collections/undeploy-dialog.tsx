import { useEffect, useState, type ReactNode } from 'react';
import { Modal } from '../../components/modal';
import { Notice } from '../../components/states';
import { undeploy } from './api/undeploy';
import { PlannedJobFooter, PlannedJobStatus } from '../../components/planned-job-parts';
import { useOnOpen, usePlannedJob, type JobFollowing } from '../../lib/use-planned-job';

interface UndeployDialogProps extends JobFollowing {
  artifactId: string;
  collection: string;
  projectPath: string;
  /** The base ↔ project diff (the local edits an undeploy would discard), composed by the page. */
  localEdits: ReactNode;
  onClose: () => void;
}

/**
 * Undeploy from the project. A project copy with local edits is skipped by the plan; the dialog
 * then shows those edits and offers to discard them (force) before applying.
 */
export function UndeployDialog({ artifactId, collection, projectPath, localEdits, onClose, ...following }: UndeployDialogProps) {
  const flow = usePlannedJob(following);
  const [force, setForce] = useState(false);
  const [edited, setEdited] = useState<string | null>(null);
  const send = (dry: boolean, withForce: boolean) => () =>
    undeploy({ artifact_ids: [artifactId], project_path: projectPath, collection, force: withForce, dry_run: dry });
  const preview = (withForce: boolean) => void flow.preview(send(true, withForce), `undeploy ${artifactId}`);

  // The plan is the first thing to see: there is nothing to choose before it.
  useOnOpen(() => preview(false));

  // A skip in the plan without force means local edits; remember why, so the diff stays shown
  // when the plan is made again with force.
  const skipped = flow.dryRun?.state === 'success' ? flow.dryRun.plans.find((p) => p.action === 'skip') : undefined;
  useEffect(() => {
    if (skipped && !force) {
      setEdited(skipped.reason ?? 'The project copy has local edits.');
    }
  }, [skipped, force]);

  return (
    <Modal
      title="Undeploy from project"
      onClose={onClose}
      wide
      footer={
        <PlannedJobFooter flow={flow} onClose={onClose} applyLabel="Undeploy" danger onApply={() => void flow.apply(send(false, force), `Undeploy ${artifactId}`)} />
      }
    >
      <p className="muted">
        Removes <code>{artifactId}</code> from the project <code>{projectPath}</code>, with its tracking entries. The collection keeps it.
      </p>
      {edited && !flow.applied && (
        <section className="local-edits" aria-label="Local edits">
          <Notice tone="warn">
            <strong>The project copy has local edits.</strong> <span>{edited}</span>
          </Notice>
          {localEdits}
          <label className="choice inline">
            <input
              type="checkbox"
              checked={force}
              onChange={(e) => {
                setForce(e.target.checked);
                preview(e.target.checked);
              }}
            />
            Discard local edits (force)
          </label>
        </section>
      )}
      <PlannedJobStatus flow={flow} label={`Undeploying ${artifactId}`} />
    </Modal>
  );
}
