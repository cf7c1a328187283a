import { useUpstreamCommits } from './api/get-upstream-commits';
import { BehindCommits } from './behind-commits';

interface UpstreamBehindProps {
  artifactId: string;
  collection: string;
  reloadKey: number;
  onBump: () => void;
}

/** The artifact detail's upstream card addition: the commits it is behind, and Bump. */
export function UpstreamBehind({ artifactId, collection, reloadKey, onBump }: UpstreamBehindProps) {
  const commits = useUpstreamCommits(artifactId, collection, reloadKey);
  return (
    <div className="upstream-behind">
      <BehindCommits commits={commits} />
      <button type="button" className="btn btn-small" onClick={onBump}>
        {(commits.data?.behind ?? 0) > 0 ? 'Bump…' : 'Pin / bump…'}
      </button>
    </div>
  );
}
