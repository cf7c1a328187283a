import { useEffect, useId, useState } from 'react';
import { DryRunPlan } from '../../components/dry-run-plan';
import { JobProgress } from '../../components/job-progress';
import { Modal } from '../../components/modal';
import { ErrorState } from '../../components/states';
import { useUpstreamCommits } from './api/get-upstream-commits';
import { pinArtifact } from './api/pin-artifact';
import { BehindCommits } from './behind-commits';
import { usePlannedJob, type JobFollowing } from './use-planned-job';

interface PinDialogProps extends JobFollowing {
  artifactId: string;
  collection: string;
  onClose: () => void;
}

/**
 * Pin / Bump: the upstream commits the artifact is behind, a version_spec (prefilled with the one
 * it follows), the plan of updating to it, then Apply.
 */
export function PinDialog({ artifactId, collection, onClose, ...following }: PinDialogProps) {
  const commits = useUpstreamCommits(artifactId, collection, 0);
  const [spec, setSpec] = useState<string | null>(null);
  const flow = usePlannedJob(following);
  const specId = useId();
  const followed = commits.data?.ref ?? '';
  const value = spec ?? followed;

  // Prefill once the followed ref is known, unless the user typed already.
  useEffect(() => {
    if (spec === null && commits.data) {
      setSpec(commits.data.ref);
    }
  }, [commits.data, spec]);

  const fieldError = flow.error?.field === 'version_spec' ? flow.error.message : null;
  const send = (dry: boolean) => () => pinArtifact(collection, artifactId, value.trim(), dry);
  const label = `${artifactId} to ${value.trim()}`;
  // Pinning to another name of the same commit changes no file but still records the new spec.
  const canApply = flow.canApply || (flow.planned && value.trim() !== followed);

  return (
    <Modal
      title="Pin / Bump"
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {flow.applied ? 'Close' : 'Cancel'}
          </button>
          {!flow.applied && (
            <button type="button" className="btn" disabled={value.trim() === '' || flow.pending} onClick={() => void flow.preview(send(true), `pin ${label}`)}>
              Preview
            </button>
          )}
          {!flow.applied && (
            <button
              type="button"
              className="btn btn-primary"
              disabled={!canApply || flow.pending}
              title={canApply ? undefined : 'Preview first'}
              onClick={() => void flow.apply(send(false), `Pin ${label}`)}
            >
              Apply
            </button>
          )}
        </>
      }
    >
      <p className="muted">
        <code>{artifactId}</code> in collection <strong>{collection}</strong>.
      </p>
      <BehindCommits commits={commits} />
      <div className="field">
        <label htmlFor={specId}>Version (branch, tag, commit or latest)</label>
        <input
          id={specId}
          value={value}
          disabled={flow.applied !== null}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${specId}-error` : undefined}
          onChange={(e) => {
            setSpec(e.target.value);
            flow.reset();
          }}
        />
        {fieldError && (
          <p id={`${specId}-error`} className="form-error">
            {fieldError}
          </p>
        )}
      </div>
      {flow.error && !fieldError && <ErrorState message={flow.error.message} />}
      {flow.dryRun && !flow.applied && (
        <DryRunPlan job={flow.dryRun}>
          {!canApply && <p className="muted">Already at this version: nothing to apply.</p>}
        </DryRunPlan>
      )}
      {flow.applied && <JobProgress job={flow.applied} label={`Pinning ${label}`} />}
    </Modal>
  );
}
