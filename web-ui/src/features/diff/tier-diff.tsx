import { ErrorState, Loading } from '../../components/states';
import type { Tier } from '../../types/api';
import type { Scope } from '../../types/scope';
import { useDiff, type DiffPins } from './api/get-diff';
import type { DiffMode } from './diff-file';
import { DiffViewer } from './diff-viewer';

interface TierDiffProps {
  artifactId: string;
  lhs: Tier;
  rhs: Tier;
  scope: Scope;
  mode: DiffMode;
  reloadKey: number;
  /** Compare these exact versions (e.g. two entries of the history) instead of the tiers' now. */
  pins?: DiffPins;
}

/** The diff of one pair of tiers, loaded for the scope (e.g. base ↔ project before an undeploy). */
export function TierDiff({ artifactId, lhs, rhs, scope, mode, reloadKey, pins }: TierDiffProps) {
  const diff = useDiff(artifactId, lhs, rhs, scope, reloadKey, pins);
  if (diff.error) {
    return <ErrorState message={`Could not load the diff: ${diff.error}`} onRetry={diff.reload} />;
  }
  if (!diff.data || diff.loading) {
    return <Loading label="Loading diff…" />;
  }
  return <DiffViewer diff={diff.data} mode={mode} />;
}
