import type { Direction, Tier } from '../types/api';

export function shortHash(hash: string | null | undefined, length = 12): string {
  return hash ? hash.slice(0, length) : '—';
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) {
    return '—';
  }
  if (ms < 1000) {
    return `${ms} ms`;
  }
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) {
    return '—';
  }
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

export const TIER_LABELS: Record<Tier, string> = {
  upstream: 'Upstream',
  collection: 'Collection',
  project: 'Project',
  base: 'Base',
};

/** The source and destination tier of a direction. */
export function directionTiers(direction: Direction): { source: Tier; destination: Tier } {
  switch (direction) {
    case 'upstream_to_collection':
      return { source: 'upstream', destination: 'collection' };
    case 'collection_to_project':
      return { source: 'collection', destination: 'project' };
    case 'project_to_collection':
      return { source: 'project', destination: 'collection' };
    case 'project_to_upstream':
      return { source: 'project', destination: 'upstream' };
  }
}

export function directionLabel(direction: Direction): string {
  const { source, destination } = directionTiers(direction);
  return `${TIER_LABELS[source]} → ${TIER_LABELS[destination]}`;
}

export function pluralize(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** How long ago an instant was, in words ("3 min ago"); "never" when there is none. */
export function formatAgo(iso: string | null | undefined, now: number): string {
  if (!iso) {
    return 'never';
  }
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) {
    return iso;
  }
  const minutes = Math.floor((now - at) / 60000);
  if (minutes < 1) {
    return 'just now';
  }
  if (minutes < 60) {
    return `${minutes} min ago`;
  }
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours} h ago` : `${pluralize(Math.floor(hours / 24), 'day')} ago`;
}

/** The last segment of a path: a project's folder name, as the selectors show it. */
export function pathName(path: string): string {
  return path.replace(/[/\\]+$/, '').split(/[/\\]/).pop() || path;
}
