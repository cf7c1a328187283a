import { useState } from 'react';
import type { VersionPick } from '../../types/api';
import type { Scope } from '../../types/scope';
import type { DiffMode } from './diff-file';
import { DiffModeToggle } from './diff-mode-toggle';
import { TierDiff } from './tier-diff';

interface VersionDiffProps {
  artifactId: string;
  scope: Scope;
  lhs: VersionPick;
  rhs: VersionPick;
}

/** The diff of two exact versions (e.g. two entries of the history), named by content hash. */
export function VersionDiff({ artifactId, scope, lhs, rhs }: VersionDiffProps) {
  const [mode, setMode] = useState<DiffMode>('unified');
  return (
    <div className="version-diff">
      <DiffModeToggle name="version-diff-mode" mode={mode} onChange={setMode} />
      <TierDiff
        artifactId={artifactId}
        lhs={lhs.tier}
        rhs={rhs.tier}
        scope={scope}
        mode={mode}
        reloadKey={0}
        pins={{ lhsHash: lhs.hash, rhsHash: rhs.hash }}
      />
    </div>
  );
}
