import { useState } from 'react';
import { Modal } from '../../components/modal';
import { TextField } from '../../components/text-field';
import { useUpstreamCommits } from './api/get-upstream-commits';
import { pinArtifact } from './api/pin-artifact';
import { BehindCommits } from './behind-commits';
import { PlannedJobFooter, PlannedJobStatus } from '../../components/planned-job-parts';
import { usePlannedJob, type JobFollowing } from '../../lib/use-planned-job';

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
  // Prefilled with the version_spec as written (so a bump of `latest` stays `latest`) until the
  // user types; the ref it resolves to only when the entry has none.
  const followed = commits.data?.version_spec ?? commits.data?.ref ?? '';
  const value = spec ?? followed;

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
        <PlannedJobFooter
          flow={flow}
          onClose={onClose}
          onPreview={() => void flow.preview(send(true), `pin ${label}`)}
          previewDisabled={value.trim() === ''}
          applyLabel="Apply"
          canApply={canApply}
          onApply={() => void flow.apply(send(false), `Pin ${label}`)}
        />
      }
    >
      <p className="muted">
        <code>{artifactId}</code> in collection <strong>{collection}</strong>.
      </p>
      <BehindCommits commits={commits} />
      <TextField
        label="Version (branch, tag, commit or latest)"
        value={value}
        disabled={flow.applied !== null}
        error={fieldError}
        onChange={(next) => {
          setSpec(next);
          flow.reset();
        }}
      />
      <PlannedJobStatus flow={flow} label={`Pinning ${label}`} showError={!fieldError}>
        {!canApply && <p className="muted">Already at this version: nothing to apply.</p>}
      </PlannedJobStatus>
    </Modal>
  );
}
