import { formatTime, shortHash } from '../lib/format';
import type { RolledBack, RollbackTier } from '../types/api';

/**
 * "Rolled back from <hash>" beside the status of the edge into a tier whose copy was rolled back
 * and still holds the version the rollback wrote; its title says when, by which job, and that syncs
 * into the tier merge into the rollback rather than undo it.
 */
export function RolledBackBadge({ tier, rollback }: { tier: RollbackTier; rollback: RolledBack | null | undefined }) {
  if (!rollback) {
    return null;
  }
  const from = shortHash(rollback.from_hash, 7);
  const title =
    `The ${tier} was rolled back from ${from} to ${shortHash(rollback.to_hash, 7)} on ${formatTime(rollback.at)}` +
    `${rollback.job_id ? ` (job ${rollback.job_id})` : ''}; syncs into it merge into the rollback instead of undoing it.`;
  return (
    <span className="badge badge-muted badge-rolled-back" title={title}>
      <span className="badge-icon" aria-hidden="true">
        ↶
      </span>
      Rolled back from {from}
    </span>
  );
}
