import { useState } from 'react';
import type { Tier } from '../../types/api';
import type { Scope } from '../../types/scope';
import type { DiffMode } from './diff-file';
import { DiffModeToggle } from './diff-mode-toggle';
import { TierDiff } from './tier-diff';

export type DiffPair = 'U↔C' | 'C↔P' | 'U↔P';

const PAIRS: Record<DiffPair, { lhs: Tier; rhs: Tier; label: string; needsProject: boolean }> = {
  'U↔C': { lhs: 'upstream', rhs: 'collection', label: 'Upstream ↔ Collection', needsProject: false },
  'C↔P': { lhs: 'collection', rhs: 'project', label: 'Collection ↔ Project', needsProject: true },
  'U↔P': { lhs: 'upstream', rhs: 'project', label: 'Upstream ↔ Project', needsProject: true },
};

interface DiffPanelProps {
  artifactId: string;
  scope: Scope;
  initialPair: DiffPair;
  reloadKey: number;
}

/** The diff of a chosen pair of tiers, split or unified. */
export function DiffPanel({ artifactId, scope, initialPair, reloadKey }: DiffPanelProps) {
  const [pair, setPair] = useState<DiffPair>(scope.projectPath || !PAIRS[initialPair].needsProject ? initialPair : 'U↔C');
  const [mode, setMode] = useState<DiffMode>('split');
  const { lhs, rhs } = PAIRS[pair];

  return (
    <section className="diff-panel" aria-labelledby="diff-heading">
      <div className="diff-controls">
        <h3 id="diff-heading">Diff</h3>
        <div role="radiogroup" aria-label="Diff pair" className="segmented">
          {(Object.keys(PAIRS) as DiffPair[]).map((p) => {
            const disabled = PAIRS[p].needsProject && !scope.projectPath;
            return (
              <label key={p} className={`segment${pair === p ? ' active' : ''}${disabled ? ' disabled' : ''}`} title={disabled ? 'Select a project first' : PAIRS[p].label}>
                <input type="radio" name="diff-pair" value={p} checked={pair === p} disabled={disabled} onChange={() => setPair(p)} aria-label={PAIRS[p].label} />
                {p}
              </label>
            );
          })}
        </div>
        <DiffModeToggle name="diff-mode" mode={mode} onChange={setMode} />
      </div>
      <TierDiff artifactId={artifactId} lhs={lhs} rhs={rhs} scope={scope} mode={mode} reloadKey={reloadKey} />
    </section>
  );
}
