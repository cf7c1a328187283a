import { Empty, Notice } from '../../components/states';
import { withToken } from '../../lib/api-client';
import { pluralize, TIER_LABELS } from '../../lib/format';
import type { DiffView } from '../../types/api';
import { DiffFile, type DiffMode } from './diff-file';

/** A whole diff: summary, truncation notice, changed files, and the unchanged ones folded away. */
export function DiffViewer({ diff, mode }: { diff: DiffView; mode: DiffMode }) {
  const changed = diff.files.filter((f) => f.status !== 'unchanged');
  const unchanged = diff.files.filter((f) => f.status === 'unchanged');
  const s = diff.summary;
  // Two versions of one tier (the history's pick, a rollback's plan) are told apart by hash.
  const side = (tier: DiffView['lhs'], hash: string | null) =>
    diff.lhs === diff.rhs && hash ? `${TIER_LABELS[tier]} ${hash.slice(0, 7)}` : TIER_LABELS[tier];
  return (
    <div className="diff-viewer">
      <p className="diff-summary">
        {side(diff.lhs, diff.lhs_hash)} → {side(diff.rhs, diff.rhs_hash)}: {pluralize(changed.length, 'file')} changed (
        <span className="count-add">+{s.lines_added}</span> <span className="count-del">−{s.lines_removed}</span>)
        {diff.download_url && (
          <>
            {' '}
            <a className="btn btn-small" href={withToken(diff.download_url)} download>
              Download patch
            </a>
          </>
        )}
      </p>
      {diff.truncated && (
        <Notice tone="warn">
          <strong>Some text was left out.</strong> <span>{diff.truncated_reason ?? 'The diff is larger than the preview limit.'}</span>{' '}
          {diff.download_url && (
            <a href={withToken(diff.download_url)} download>
              Download the full diff
            </a>
          )}
        </Notice>
      )}
      {diff.identical || changed.length === 0 ? (
        <Empty title="Identical: these two versions have the same content." />
      ) : (
        changed.map((f) => <DiffFile key={f.path} file={f} mode={mode} fallbackUrl={diff.download_url} />)
      )}
      {unchanged.length > 0 && (
        <details className="unchanged-files">
          <summary>{pluralize(unchanged.length, 'unchanged file')}</summary>
          <ul>
            {unchanged.map((f) => (
              <li key={f.path}>
                <code>{f.path}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
