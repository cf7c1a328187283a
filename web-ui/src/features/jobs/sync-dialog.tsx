import { useState } from 'react';
import { Modal } from '../../components/modal';
import { DryRunPlan } from '../../components/dry-run-plan';
import { ErrorState } from '../../components/states';
import { errorMessage } from '../../lib/api-client';
import { directionLabel, directionTiers, TIER_LABELS } from '../../lib/format';
import { isTerminal, type Direction, type Strategy } from '../../types/api';
import type { Scope } from '../../types/scope';
import { createJob, type CreateJobRequest } from './api/create-job';
import { useJob, useJobTracker } from './job-tracker';

const DIRECTIONS: { direction: Direction; hint: string }[] = [
  { direction: 'upstream_to_collection', hint: 'Update the collection from upstream' },
  { direction: 'collection_to_project', hint: 'Deploy the collection’s versions into the project' },
  { direction: 'project_to_collection', hint: 'Bring the project’s edits back into the collection' },
];

interface SyncDialogProps {
  /** The artifacts to sync. */
  artifactIds: string[];
  scope: Scope;
  initialDirection: Direction;
  onClose: () => void;
}

function strategyLabel(strategy: Strategy, direction: Direction): string {
  const { source, destination } = directionTiers(direction);
  switch (strategy) {
    case 'auto':
      return 'Auto: three-way merge';
    case 'theirs':
      return `Take ${TIER_LABELS[source].toLowerCase()} (overwrite ${TIER_LABELS[destination].toLowerCase()})`;
    case 'ours':
      return `Keep ${TIER_LABELS[destination].toLowerCase()}`;
  }
}

/** Sync / Update: choose a direction, see the dry run's plan, then apply in the background. */
export function SyncDialog({ artifactIds, scope, initialDirection, onClose }: SyncDialogProps) {
  const { track } = useJobTracker();
  const [direction, setDirection] = useState<Direction>(
    initialDirection !== 'upstream_to_collection' && !scope.projectPath ? 'upstream_to_collection' : initialDirection,
  );
  const [strategy, setStrategy] = useState<Strategy>('auto');
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dryRun = useJob(dryRunId);
  const label = `${directionLabel(direction)}, ${artifactIds.length === 1 ? artifactIds[0] : `${artifactIds.length} artifacts`}`;

  function request(dry: boolean): CreateJobRequest {
    return {
      direction,
      artifact_ids: artifactIds,
      collection: scope.collection,
      project_path: direction === 'upstream_to_collection' ? undefined : (scope.projectPath ?? undefined),
      strategy,
      dry_run: dry,
    };
  }

  async function start(dry: boolean) {
    setBusy(true);
    setError(null);
    try {
      const job = await createJob(request(dry));
      track(job, { label: dry ? `Dry run: ${label}` : label, notify: !dry });
      if (dry) {
        setDryRunId(job.job_id);
      } else {
        onClose();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function change(next: () => void) {
    next();
    setDryRunId(null);
  }

  const planned = dryRun && isTerminal(dryRun.state);
  const conflicts = dryRun?.plans.reduce((n, p) => n + p.predicted_conflicts.length, 0) ?? 0;

  return (
    <Modal
      title="Sync / Update"
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn" disabled={busy || (dryRun !== null && !planned)} onClick={() => start(true)}>
            {dryRunId ? 'Dry run again' : 'Dry run'}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || !planned || dryRun?.state !== 'success'}
            title={planned ? undefined : 'Run a dry run first'}
            onClick={() => start(false)}
          >
            Apply
          </button>
        </>
      }
    >
      <p className="muted">
        {artifactIds.length === 1 ? (
          <code>{artifactIds[0]}</code>
        ) : (
          `${artifactIds.length} artifacts`
        )}{' '}
        in collection <strong>{scope.collection}</strong>. Nothing is written until you apply the plan.
      </p>
      <fieldset className="choices">
        <legend>Direction</legend>
        {DIRECTIONS.map(({ direction: d, hint }) => {
          const disabled = d !== 'upstream_to_collection' && !scope.projectPath;
          return (
            <label key={d} className={`choice${disabled ? ' disabled' : ''}`}>
              <input type="radio" name="direction" value={d} checked={direction === d} disabled={disabled} onChange={() => change(() => setDirection(d))} />
              <span>
                <strong>{directionLabel(d)}</strong>
                <small className="muted">{disabled ? 'Select a project first' : hint}</small>
              </span>
            </label>
          );
        })}
      </fieldset>
      <label className="select-label">
        <span>Strategy</span>
        <select value={strategy} onChange={(e) => change(() => setStrategy(e.target.value as Strategy))}>
          {(['auto', 'theirs', 'ours'] as Strategy[]).map((s) => (
            <option key={s} value={s}>
              {strategyLabel(s, direction)}
            </option>
          ))}
        </select>
      </label>
      {error && <ErrorState message={error} />}
      {dryRun && (
        <DryRunPlan job={dryRun}>
          <p className="muted">
            {conflicts > 0
              ? `Applying writes conflict markers into ${conflicts} file${conflicts === 1 ? '' : 's'}; you can resolve them afterwards.`
              : 'Applying runs in the background; you can keep working.'}
          </p>
        </DryRunPlan>
      )}
    </Modal>
  );
}
