import type { ReactNode } from 'react';
import { DryRunPlan } from './dry-run-plan';
import { JobProgress } from './job-progress';
import { ErrorState } from './states';
import type { PlannedJob } from '../lib/use-planned-job';

interface PlannedJobFooterProps {
  flow: PlannedJob;
  onClose: () => void;
  /** Absent when the dialog plans by itself as it opens. */
  onPreview?: () => void;
  /** The preview button's label; "Preview" by default. */
  previewLabel?: string;
  previewDisabled?: boolean;
  applyLabel: string;
  onApply: () => void;
  /** Whether the plan may be applied; by default, when it writes something. */
  canApply?: boolean;
  danger?: boolean;
}

/** Cancel (Close once applied), Preview, and the button that applies the plan. */
export function PlannedJobFooter({ flow, onClose, onPreview, previewLabel = 'Preview', previewDisabled, applyLabel, onApply, canApply = flow.canApply, danger }: PlannedJobFooterProps) {
  return (
    <>
      <button type="button" className="btn" onClick={onClose}>
        {flow.applied ? 'Close' : 'Cancel'}
      </button>
      {!flow.applied && onPreview && (
        <button type="button" className="btn" disabled={previewDisabled || flow.pending} onClick={onPreview}>
          {previewLabel}
        </button>
      )}
      {!flow.applied && (
        <button
          type="button"
          className={danger ? 'btn btn-danger' : 'btn btn-primary'}
          disabled={!canApply || flow.pending}
          title={flow.planned ? undefined : 'Preview first'}
          onClick={onApply}
        >
          {applyLabel}
        </button>
      )}
    </>
  );
}

interface PlannedJobStatusProps {
  flow: PlannedJob;
  /** What the applied job does, e.g. "Adding 2 artifacts". */
  label: string;
  /** Whether to show a refusal here (false when the dialog shows it under a field). */
  showError?: boolean;
  /** Shown with the plan, above its table. */
  children?: ReactNode;
}

/** A refusal, the dry run's plan until something is applied, then the applied job. */
export function PlannedJobStatus({ flow, label, showError = true, children }: PlannedJobStatusProps) {
  return (
    <>
      {showError && flow.error && <ErrorState message={flow.error.message} />}
      {flow.dryRun && !flow.applied && <DryRunPlan job={flow.dryRun}>{children}</DryRunPlan>}
      {flow.applied && <JobProgress job={flow.applied} label={label} />}
    </>
  );
}
