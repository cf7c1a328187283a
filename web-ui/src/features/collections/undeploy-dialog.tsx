import { useEffect, useState, type ReactNode } from 'react';
import { DryRunPlan } from '../../components/dry-run-plan';
import { JobProgress } from '../../components/job-progress';
import { Modal } from '../../components/modal';
import { ErrorState, Notice } from '../../components/states';
import { undeploy } from './api/undeploy';
import { useOnOpen, usePlannedJob, type JobFollowing } from './use-planned-job';

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
        <>
          <button type="button" className="btn" onClick={onClose}>
            {flow.applied ? 'Close' : 'Cancel'}
          </button>
          {!flow.applied && (
            <button
              type="button"
              className="btn btn-danger"
              disabled={!flow.canApply || flow.pending}
              onClick={() => void flow.apply(send(false, force), `Undeploy ${artifactId}`)}
            >
              Undeploy
            </button>
          )}
        </>
      }
    >
      <p className="muted">
        Removes <code>{artifactId}</code> from the project <code>{projectPath}</code>, with its tracking entries. The collection keeps it.
      </p>
      {flow.error && <ErrorState message={flow.error.message} />}
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
      {flow.dryRun && !flow.applied && <DryRunPlan job={flow.dryRun} />}
      {flow.applied && <JobProgress job={flow.applied} label={`Undeploying ${artifactId}`} />}
    </Modal>
  );
}
