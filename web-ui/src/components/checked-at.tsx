import { formatAgo, formatTime } from '../lib/format';

/** "upstream checked 3 min ago" (or "never"), the exact time as its title. */
export function CheckedAt({ at, now }: { at: string | null | undefined; now: number }) {
  return (
    <small className="muted checked-at" title={at ? formatTime(at) : 'The upstream repository was never fetched.'}>
      upstream checked {formatAgo(at, now)}
    </small>
  );
}
