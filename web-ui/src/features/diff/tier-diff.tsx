import { ErrorState, Loading } from '../../components/states';
import type { Tier } from '../../types/api';
import type { Scope } from '../../types/scope';
import { useDiff } from './api/get-diff';
import type { DiffMode } from './diff-file';
import { DiffViewer } from './diff-viewer';

interface TierDiffProps {
  artifactId: string;
  lhs: Tier;
  rhs: Tier;
  scope: Scope;
  mode: DiffMode;
  reloadKey: number;
}

/** The diff of one pair of tiers, loaded for the scope (e.g. base ↔ project before an undeploy). */
export function TierDiff({ artifactId, lhs, rhs, scope, mode, reloadKey }: TierDiffProps) {
  const diff = useDiff(artifactId, lhs, rhs, scope, reloadKey);
  if (diff.error) {
    return <ErrorState message={`Could not load the diff: ${diff.error}`} onRetry={diff.reload} />;
  }
  if (!diff.data || diff.loading) {
    return <Loading label="Loading diff…" />;
  }
  return <DiffViewer diff={diff.data} mode={mode} />;
}
