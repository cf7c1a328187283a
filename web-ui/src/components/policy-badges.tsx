import { formatTime } from '../lib/format';
import type { Policy } from '../types/api';

function holdTitle(policy: Policy): string {
  const reason = policy.hold_reason || 'no reason given';
  if (policy.hold_expired) {
    return `Hold expired ${formatTime(policy.hold_until)} (${reason}); the watch updates it again.`;
  }
  return `Held: ${reason}; ${policy.hold_until ? `until ${formatTime(policy.hold_until)}` : 'no end date'}. The watch does not update it.`;
}

/** An artifact's policy as badges: held (or an expired hold, muted) and auto-update; nothing by default. */
export function PolicyBadges({ policy }: { policy: Policy | null | undefined }) {
  if (!policy) {
    return null;
  }
  return (
    <>
      {policy.held && (
        <span className="badge badge-hold" title={holdTitle(policy)}>
          <span className="badge-icon" aria-hidden="true">
            ‖
          </span>
          Held
        </span>
      )}
      {policy.hold_expired && (
        <span className="badge badge-muted" title={holdTitle(policy)}>
          <span className="badge-icon" aria-hidden="true">
            ‖
          </span>
          Expired hold
        </span>
      )}
      {policy.auto_update === 'clean' && (
        <span className="badge badge-auto" title="Auto-update: the watch applies upstream updates that merge cleanly.">
          <span className="badge-icon" aria-hidden="true">
            ⟳
          </span>
          Auto-update
        </span>
      )}
    </>
  );
}
