import { useEffect, useState } from 'react';
import { ErrorState, Loading, Notice } from '../../components/states';
import { TIER_LABELS } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import type { Tier } from '../../types/api';
import { fetchConflictPanes, type FilePanes, type MergeHunk } from './api/conflict-panes';
import type { FileChoice } from './api/create-resolve';

/** Which side a conflict hunk takes: the left pane (ours), the right pane (theirs), or both. */
export type HunkTake = 'left' | 'right' | 'both';

/** How a file is resolved: hunk by hunk, or by a strategy for the whole file. */
export type FileMode = 'hunks' | 'ours' | 'theirs' | 'union';

interface FileState {
  mode: FileMode;
  /** Conflict hunk index (in the file's hunks) → take. */
  takes: Record<number, HunkTake>;
}

/** The file's text with each conflict hunk taken as chosen (left when not chosen yet). */
export function composeResult(hunks: readonly MergeHunk[], takes: Readonly<Record<number, HunkTake>>): string {
  let out = '';
  hunks.forEach((h, i) => {
    if (h.kind === 'common' || h.kind === 'ours') {
      out += h.ours;
    } else if (h.kind === 'theirs') {
      out += h.theirs;
    } else {
      const take = takes[i] ?? 'left';
      if (take === 'left') {
        out += h.ours;
      } else if (take === 'right') {
        out += h.theirs;
      } else {
        // Both, ours first; a last line without newline gets one, as git merge-file --union does.
        out += h.ours && h.theirs && !h.ours.endsWith('\n') ? `${h.ours}\n${h.theirs}` : h.ours + h.theirs;
      }
    }
  });
  return out;
}

function canMergeByHunk(f: FilePanes): boolean {
  return !f.binary && f.omitted_reason === null && f.hunks.length > 0;
}

function initialState(f: FilePanes): FileState {
  return { mode: canMergeByHunk(f) ? 'hunks' : 'ours', takes: {} };
}

function choiceOf(f: FilePanes, s: FileState): FileChoice {
  return s.mode === 'hunks' ? { content: composeResult(f.hunks, s.takes) } : { strategy: s.mode };
}

function tierLabel(tier: string): string {
  return TIER_LABELS[tier as Tier] ?? tier;
}

interface ThreePanesProps {
  jobId: string;
  artifactId: string;
  /**
   * The chosen result of every conflicted file, each time a choice changes (null until loaded).
   * Keep it stable (useCallback): it is called again whenever it changes.
   */
  onChange: (choices: Record<string, FileChoice> | null) => void;
}

/**
 * A conflicted artifact side by side: per file, the destination (left), base (middle) and source
 * (right) of every conflict hunk with "take left / take right / both", and a strategy for the
 * whole file instead (keep left, take right, union).
 */
export function ThreePanes({ jobId, artifactId, onChange }: ThreePanesProps) {
  const panes = useResource((signal) => fetchConflictPanes(jobId, artifactId, signal), [jobId, artifactId]);
  const [states, setStates] = useState<Record<string, FileState>>({});
  const files = panes.data?.files ?? [];

  useEffect(() => {
    if (!panes.data) {
      onChange(null);
      return;
    }
    const choices: Record<string, FileChoice> = {};
    for (const f of panes.data.files) {
      choices[f.path] = choiceOf(f, states[f.path] ?? initialState(f));
    }
    onChange(choices);
  }, [panes.data, states, onChange]);

  if (panes.error) {
    return <ErrorState message={panes.error} />;
  }
  if (!panes.data) {
    return <Loading label="Loading the three versions…" />;
  }
  const left = tierLabel(panes.data.ours_tier);
  const right = tierLabel(panes.data.theirs_tier);

  function update(path: string, f: FilePanes, change: Partial<FileState>) {
    setStates((all) => {
      const current = all[path] ?? initialState(f);
      return { ...all, [path]: { ...current, ...change, takes: { ...current.takes, ...(change.takes ?? {}) } } };
    });
  }

  return (
    <div className="three-panes">
      {files.map((f) => {
        const state = states[f.path] ?? initialState(f);
        const modes: [FileMode, string][] = [
          ...(canMergeByHunk(f) ? ([['hunks', 'Hunk by hunk']] as [FileMode, string][]) : []),
          ['ours', `Keep ${left.toLowerCase()}`],
          ['theirs', `Take ${right.toLowerCase()}`],
          ...(canMergeByHunk(f) && f.ours !== null && f.theirs !== null ? ([['union', 'Union (both sides)']] as [FileMode, string][]) : []),
        ];
        return (
          <section key={f.path} className="pane-file" aria-label={`Three panes of ${f.path}`}>
            <header className="pane-file-head">
              <code>{f.path}</code> <span className="muted">({f.kind.replace('_', ' ')})</span>
              <label className="inline">
                {' '}
                Resolve{' '}
                <select
                  aria-label={`Strategy for ${f.path}`}
                  value={state.mode}
                  onChange={(e) => update(f.path, f, { mode: e.target.value as FileMode })}
                >
                  {modes.map(([value, text]) => (
                    <option key={value} value={value}>
                      {text}
                    </option>
                  ))}
                </select>
              </label>
            </header>
            {f.binary && <Notice tone="info">Binary file: choose a side.</Notice>}
            {f.omitted_reason === 'too_large' && <Notice tone="info">Too large to show: choose a side.</Notice>}
            {f.front_matter && (
              <p className="muted small">Front matter merged key by key: each conflict below is one key changed on both sides, or the body.</p>
            )}
            {state.mode === 'hunks' && (
              <div className="pane-grid" role="table" aria-label={`Hunks of ${f.path}`}>
                <div className="pane-row pane-head" role="row">
                  <span role="columnheader">{left} (left)</span>
                  <span role="columnheader">Base</span>
                  <span role="columnheader">{right} (right)</span>
                </div>
                {f.hunks.map((h, i) =>
                  h.kind === 'conflict' ? (
                    <div key={i} className="pane-row pane-conflict" role="row">
                      {h.key !== null && (
                        <span className="pane-key small">
                          Front matter key <code>{h.key}</code>
                        </span>
                      )}
                      <pre role="cell" className="pane pane-left">{h.ours}</pre>
                      <pre role="cell" className="pane pane-base">{h.base}</pre>
                      <pre role="cell" className="pane pane-right">{h.theirs}</pre>
                      <div className="pane-takes" role="radiogroup" aria-label={`Hunk ${i + 1} of ${f.path}`}>
                        {(
                          [
                            ['left', 'Take left'],
                            ['right', 'Take right'],
                            ['both', 'Both'],
                          ] as [HunkTake, string][]
                        ).map(([value, text]) => (
                          <label key={value} className="choice inline">
                            <input
                              type="radio"
                              name={`hunk-${artifactId}-${f.path}-${i}`}
                              value={value}
                              checked={(state.takes[i] ?? 'left') === value}
                              onChange={() => update(f.path, f, { takes: { [i]: value } })}
                            />
                            {text}
                          </label>
                        ))}
                      </div>
                    </div>
                  ) : (
                    <div key={i} className={`pane-row pane-${h.kind}`} role="row">
                      <pre role="cell" className="pane pane-left">{h.ours}</pre>
                      <pre role="cell" className="pane pane-base">{h.base}</pre>
                      <pre role="cell" className="pane pane-right">{h.theirs}</pre>
                    </div>
                  ),
                )}
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
