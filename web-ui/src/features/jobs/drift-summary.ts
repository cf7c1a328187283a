import { pathName, pluralize } from '../../lib/format';
import type { DriftEvent, EdgeStatus } from '../../types/api';

function word(status: EdgeStatus | null, absent: string): string {
  return status ?? absent;
}

/** The job an auto-update event started, or null. */
export function autoUpdateJob(event: Pick<DriftEvent, 'action'>): string | null {
  return event.action?.startsWith('auto_update:') ? event.action.slice('auto_update:'.length) : null;
}

/**
 * One line on a drift event, e.g. "skill:x: upstream moved, synced → outdated (2 commits), held,
 * not updated" or "skill:x in webapp: synced → modified".
 */
export function driftMessage(event: DriftEvent): string {
  const change = `${word(event.from, 'new')} → ${word(event.to, 'gone')}`;
  let line: string;
  if (event.edge === 'collection_to_project') {
    line = `${event.artifact_id} in ${pathName(event.project_path ?? '')}: ${change}`;
  } else if (event.upstream && event.upstream.from_sha !== event.upstream.to_sha) {
    const commits = event.upstream.commits.length;
    line = `${event.artifact_id}: upstream moved, ${change}${commits > 0 ? ` (${pluralize(commits, 'commit')})` : ''}`;
  } else {
    line = `${event.artifact_id}: upstream → collection ${change}`;
  }
  if (event.to === 'unreachable' && event.reason) {
    line += ` (${event.reason})`;
  }
  const job = autoUpdateJob(event);
  if (job) {
    return `${line}, updating (job ${job})`;
  }
  switch (event.action) {
    case 'held':
      return `${line}, held, not updated`;
    case 'not_updated:conflict':
      return `${line}, not updated: the update would conflict`;
    default:
      return line;
  }
}
