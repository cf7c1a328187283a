import type { ReactNode } from 'react';
import { formatTime, pluralize, shortHash, TIER_LABELS } from '../../lib/format';
import type { Tier, TierVersion } from '../../types/api';

function Field({ label, value, title, mono }: { label: string; value: string; title?: string; mono?: boolean }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined} title={title}>
        {value}
      </dd>
    </>
  );
}

interface TierCardProps {
  tier: Tier;
  version: TierVersion | null;
  absentNote: string;
  /** Shown below the facts when the tier has a version (e.g. the upstream commits and Bump). */
  children?: ReactNode;
}

/** One tier's version: hash, timestamp, source, ref (or a note that the tier lacks it). */
export function TierCard({ tier, version, absentNote, children }: TierCardProps) {
  return (
    <article className="tier-card" aria-label={`${TIER_LABELS[tier]} version`}>
      <h3>{TIER_LABELS[tier]}</h3>
      {!version ? (
        <p className="muted">{absentNote}</p>
      ) : (
        <dl>
          <Field label="Hash" value={shortHash(version.hash)} title={version.hash ?? undefined} mono />
          <Field label="Updated" value={formatTime(version.timestamp)} />
          <Field label="Source" value={version.source ?? '—'} title={version.source ?? undefined} />
          <Field label="Ref" value={version.ref ?? '—'} />
          {version.commit && <Field label="Commit" value={shortHash(version.commit)} title={version.commit} mono />}
          {version.base_hash && <Field label="Base" value={shortHash(version.base_hash)} title={version.base_hash} mono />}
          {version.rolled_back && (
            <Field
              label="Rolled back"
              value={`rolled back from ${shortHash(version.rolled_back.from_hash, 7)}`}
              title={`${version.rolled_back.from_hash ?? 'nothing'} → ${version.rolled_back.to_hash} at ${formatTime(version.rolled_back.at)}${version.rolled_back.job_id ? ` by job ${version.rolled_back.job_id}` : ''}`}
            />
          )}
          {version.behind !== null && version.behind !== undefined && (
            <Field label="Behind" value={version.behind === 0 ? 'up to date' : `${pluralize(version.behind, 'commit')} behind`} />
          )}
        </dl>
      )}
      {version && children}
    </article>
  );
}
