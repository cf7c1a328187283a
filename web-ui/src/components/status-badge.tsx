import type { EdgeStatus, JobState } from '../types/api';

interface BadgeLook {
  icon: string;
  label: string;
  tone: 'ok' | 'info' | 'edit' | 'warn' | 'danger' | 'muted' | 'busy';
}

const STATUS: Record<EdgeStatus, BadgeLook> = {
  synced: { icon: '✓', label: 'Synced', tone: 'ok' },
  outdated: { icon: '↓', label: 'Outdated', tone: 'info' },
  modified: { icon: '✎', label: 'Modified', tone: 'edit' },
  diverged: { icon: '≠', label: 'Diverged', tone: 'warn' },
  conflict: { icon: '⚠', label: 'Conflict', tone: 'danger' },
  missing: { icon: '○', label: 'Missing', tone: 'muted' },
  removed: { icon: '✕', label: 'Removed', tone: 'muted' },
  error: { icon: '✕', label: 'Error', tone: 'danger' },
  unreachable: { icon: '⊘', label: 'Unreachable', tone: 'warn' },
};

/** A status this UI does not know yet (a newer server) still shows, in its own words. */
function look(status: EdgeStatus): BadgeLook {
  return STATUS[status] ?? { icon: '?', label: status, tone: 'muted' };
}

const JOB_STATE: Record<JobState, BadgeLook> = {
  queued: { icon: '◷', label: 'Queued', tone: 'muted' },
  running: { icon: '⟳', label: 'Running', tone: 'busy' },
  success: { icon: '✓', label: 'Success', tone: 'ok' },
  conflict: { icon: '⚠', label: 'Conflict', tone: 'danger' },
  error: { icon: '✕', label: 'Error', tone: 'danger' },
  canceled: { icon: '⊘', label: 'Canceled', tone: 'muted' },
};

function Badge({ look, title }: { look: BadgeLook; title?: string }) {
  return (
    <span className={`badge badge-${look.tone}`} title={title}>
      <span className="badge-icon" aria-hidden="true">
        {look.icon}
      </span>
      {look.label}
    </span>
  );
}

/** A sync status as icon + text + colour: never colour alone. */
export function StatusBadge({ status, reason }: { status: EdgeStatus | null; reason?: string | null }) {
  if (!status) {
    return (
      <span className="badge badge-none" title={reason ?? undefined}>
        <span aria-hidden="true">–</span>
        <span className="sr-only">no such edge</span>
      </span>
    );
  }
  return <Badge look={look(status)} title={reason ?? undefined} />;
}

/** How many of something have a status, e.g. a fleet column's "2 ↓" ("2 outdated" to readers). */
export function StatusCount({ status, count }: { status: EdgeStatus; count: number }) {
  const { tone, icon } = look(status);
  return (
    <span className={`count count-${tone}`} title={`${count} ${status}`}>
      <span aria-hidden="true">{icon}</span> {count}
      <span className="sr-only"> {status}</span>
    </span>
  );
}

export function JobStateBadge({ state }: { state: JobState }) {
  return <Badge look={JOB_STATE[state]} />;
}
