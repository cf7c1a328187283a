import { ErrorState, Loading } from '../../components/states';
import { formatTime, pluralize, shortHash } from '../../lib/format';
import type { UpstreamCommits } from '../../types/api';
import type { Resource } from '../../lib/use-resource';

/** "N commits behind" and the subjects of those upstream commits, newest first. */
export function BehindCommits({ commits }: { commits: Resource<UpstreamCommits> }) {
  if (commits.error && !commits.data) {
    return <ErrorState message={`Could not read the upstream commits: ${commits.error}`} onRetry={commits.reload} />;
  }
  const c = commits.data;
  if (!c) {
    return <Loading label="Reading the upstream commits…" />;
  }
  if (c.behind === null) {
    return (
      <p className="behind-count muted">
        Following <code>{c.ref}</code>; the collection records no upstream commit to count from.
      </p>
    );
  }
  return (
    <div className="behind">
      <p className="behind-count">
        {c.behind === 0 ? (
          <>
            <span aria-hidden="true">✓ </span>Up to date with <code>{c.ref}</code>
          </>
        ) : (
          <>
            <span aria-hidden="true">↓ </span>
            {pluralize(c.behind, 'commit')} behind <code>{c.ref}</code>
          </>
        )}
      </p>
      {c.items.length > 0 && (
        <ol className="plain commit-list" aria-label="Upstream commits not in the collection">
          {c.items.map((commit) => (
            <li key={commit.sha}>
              <code title={commit.sha}>{shortHash(commit.sha, 8)}</code> {commit.subject}{' '}
              <span className="muted small">
                {commit.author}, {formatTime(commit.date)}
              </span>
            </li>
          ))}
        </ol>
      )}
      {c.items.length < c.behind && <p className="muted small">and {pluralize(c.behind - c.items.length, 'older commit')}</p>}
    </div>
  );
}
