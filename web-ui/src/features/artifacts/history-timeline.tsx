import { useState, type ReactNode } from 'react';
import { ErrorState, Loading } from '../../components/states';
import { formatTime, shortHash, TIER_LABELS } from '../../lib/format';
import type { HistoryEntry, RollbackTier, VersionPick } from '../../types/api';
import type { Scope } from '../../types/scope';
import { useHistory } from './api/get-history';

const TIERS = ['upstream', 'collection', 'project'] as const;
type HistoryTier = (typeof TIERS)[number];

interface Picked extends VersionPick {
  /** Which entry: `<tier>:<index>` (a tier can hold the same hash twice, e.g. after a revert). */
  key: string;
}

interface HistoryTimelineProps {
  artifactId: string;
  scope: Scope;
  reloadKey: number;
  /** The diff of two picked entries, composed by the page (first picked on the left). */
  renderDiff?: (lhs: VersionPick, rhs: VersionPick) => ReactNode;
  /** "Roll back to this version" on an earlier entry of the collection or the project. */
  onRollback?: (tier: RollbackTier, hash: string) => void;
}

/**
 * Every version each tier of the artifact had, oldest first: who wrote it (a job and its starter,
 * or outside tiersync), and the upstream commit it matches. Pick any two to see their diff.
 */
export function HistoryTimeline({ artifactId, scope, reloadKey, renderDiff, onRollback }: HistoryTimelineProps) {
  const history = useHistory(artifactId, scope, reloadKey);
  const [picked, setPicked] = useState<Picked[]>([]);
  const h = history.data;

  const toggle = (pick: Picked) =>
    setPicked((current) =>
      current.some((p) => p.key === pick.key) ? current.filter((p) => p.key !== pick.key) : [...current, pick].slice(-2),
    );

  return (
    <section className="history" aria-labelledby="history-heading">
      <h3 id="history-heading">History</h3>
      {history.error && !h ? (
        <ErrorState message={`Could not load the history: ${history.error}`} onRetry={history.reload} />
      ) : !h ? (
        <Loading label="Loading history…" />
      ) : (
        <>
          <div className="history-tiers">
            {TIERS.map((tier) => (
              <TierTimeline
                key={tier}
                tier={tier}
                entries={h[tier]}
                picked={picked}
                onToggle={toggle}
                projectSelected={Boolean(scope.projectPath)}
                onRollback={tier === 'upstream' ? undefined : onRollback && ((hash) => onRollback(tier, hash))}
              />
            ))}
          </div>
          {picked.length === 2 ? (
            <div className="history-diff" aria-label="Diff of the picked versions">
              <p>
                <strong>Comparing</strong> {TIER_LABELS[picked[0].tier]} <span className="mono">{shortHash(picked[0].hash)}</span> →{' '}
                {TIER_LABELS[picked[1].tier]} <span className="mono">{shortHash(picked[1].hash)}</span>{' '}
                <button type="button" className="btn btn-small" onClick={() => setPicked([])}>
                  Clear
                </button>
              </p>
              {renderDiff?.(picked[0], picked[1])}
            </div>
          ) : (
            <p className="muted">{picked.length === 1 ? 'Pick one more version to compare.' : 'Pick two versions to compare them.'}</p>
          )}
        </>
      )}
    </section>
  );
}

interface TierTimelineProps {
  tier: HistoryTier;
  entries: HistoryEntry[];
  picked: Picked[];
  onToggle: (pick: Picked) => void;
  projectSelected: boolean;
  /** Offered on every entry but the last (what the tier holds now); absent upstream. */
  onRollback?: (hash: string) => void;
}

function TierTimeline({ tier, entries, picked, onToggle, projectSelected, onRollback }: TierTimelineProps) {
  return (
    <div className="history-tier" aria-label={`${TIER_LABELS[tier]} history`}>
      <h4>{TIER_LABELS[tier]}</h4>
      {entries.length === 0 ? (
        <p className="muted">{tier === 'project' && !projectSelected ? 'Select a project to see its history.' : 'No versions recorded.'}</p>
      ) : (
        <ol className="timeline">
          {entries.map((e, i) => {
            const key = `${tier}:${i}`;
            const order = picked.findIndex((p) => p.key === key);
            return (
              <li key={key} className={`timeline-entry${order >= 0 ? ' picked' : ''}`}>
                <label>
                  <input
                    type="checkbox"
                    checked={order >= 0}
                    disabled={!e.hash}
                    onChange={() => e.hash && onToggle({ key, tier, hash: e.hash })}
                    aria-label={`Compare ${TIER_LABELS[tier]} ${shortHash(e.hash)} of ${formatTime(e.at)}`}
                  />{' '}
                  <span className="mono" title={e.hash ?? 'deleted'}>
                    {e.hash ? shortHash(e.hash) : 'deleted'}
                  </span>{' '}
                  <time dateTime={e.at ?? undefined}>{formatTime(e.at)}</time>
                  {order >= 0 && <span className="badge">{order === 0 ? 'left' : 'right'}</span>}
                </label>
                <div className="timeline-facts">
                  <Source entry={e} tier={tier} />
                  {e.actor && <span title={e.actor}> · {e.actor}</span>}
                  {e.note && <span className="muted"> · {e.note}</span>}
                  {onRollback && e.hash && e.hash !== entries[entries.length - 1].hash && (
                    <div>
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => e.hash && onRollback(e.hash)}
                        aria-label={`Roll back ${TIER_LABELS[tier].toLowerCase()} to ${shortHash(e.hash)}`}
                      >
                        Roll back to this version
                      </button>
                    </div>
                  )}
                  {e.upstream_commit && (
                    <div className="muted">
                      <span className="mono" title={e.upstream_commit}>
                        {shortHash(e.upstream_commit, 8)}
                      </span>{' '}
                      {e.upstream_subject}
                    </div>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

function Source({ entry, tier }: { entry: HistoryEntry; tier: HistoryTier }) {
  if (entry.source === 'job') {
    return <span className="source-job">{entry.job_id ? <>job <span className="mono" title={entry.job_id}>{entry.job_id}</span></> : 'a job'}</span>;
  }
  return <span className="source-outside">{tier === 'upstream' ? 'upstream commit' : 'outside tiersync'}</span>;
}
