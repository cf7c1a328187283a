import { useId, useState, type FormEvent } from 'react';
import { PolicyBadges } from '../../components/policy-badges';
import { TextField } from '../../components/text-field';
import { ApiError, errorMessage } from '../../lib/api-client';
import { formatTime } from '../../lib/format';
import type { AutoUpdate, Policy, PolicyChange } from '../../types/api';
import { putPolicy } from './api/put-policy';

interface PolicyEditorProps {
  artifactId: string;
  collection: string;
  policy: Policy;
  /** The policy was written: what shows it is read again. */
  onChanged: () => void;
}

/** A refusal: the server's message and the request field it names (`hold.until`, …). */
interface Refusal {
  message: string;
  field: string | null;
}

/** The datetime-local input's value as an instant; empty: no end date. */
function untilInstant(local: string): string | null {
  if (!local) {
    return null;
  }
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? local : at.toISOString();
}

/**
 * Hold (a reason and an optional end) or Release, and auto-update off / clean: each written at once
 * with PUT …/policy; a refused value is shown under its field.
 */
export function PolicyEditor({ artifactId, collection, policy, onChanged }: PolicyEditorProps) {
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const untilId = useId();
  const errorOf = (field: string) => (refusal?.field === field ? refusal.message : null);

  async function send(change: PolicyChange) {
    setBusy(true);
    setRefusal(null);
    try {
      await putPolicy(collection, artifactId, change);
      setReason('');
      setUntil('');
      onChanged();
    } catch (e) {
      setRefusal(e instanceof ApiError ? { message: e.message, field: e.problem?.field ?? null } : { message: errorMessage(e), field: null });
    } finally {
      setBusy(false);
    }
  }

  function hold(e: FormEvent) {
    e.preventDefault();
    void send({ hold: { reason: reason.trim(), until: untilInstant(until) } });
  }

  const untilError = errorOf('hold.until');
  const autoError = errorOf('auto_update');
  const otherError = refusal && !['hold.until', 'hold.reason', 'auto_update'].includes(refusal.field ?? '') ? refusal.message : null;
  return (
    <section className="policy-editor" aria-labelledby="policy-heading">
      <h3 id="policy-heading">
        Policy <PolicyBadges policy={policy} />
      </h3>
      {policy.held || policy.hold_expired ? (
        <div className="policy-hold">
          <p>
            {policy.held ? 'Held' : 'The hold expired'}
            {policy.hold_until ? ` ${policy.held ? 'until' : 'on'} ${formatTime(policy.hold_until)}` : ''}: {policy.hold_reason || 'no reason given'}.
            {policy.held ? ' The watch does not update it; you still can.' : ''}
          </p>
          <button type="button" className="btn" disabled={busy} onClick={() => void send({ hold: null })}>
            Release
          </button>
        </div>
      ) : null}
      {!policy.held && (
        <form className="policy-hold-form" onSubmit={hold} aria-label="Hold">
          <TextField label="Hold reason" value={reason} onChange={setReason} error={errorOf('hold.reason')} placeholder="e.g. waiting for the security review" grow />
          <div className="field">
            <label htmlFor={untilId}>Until (optional)</label>
            <input
              id={untilId}
              type="datetime-local"
              value={until}
              aria-invalid={untilError ? true : undefined}
              aria-describedby={untilError ? `${untilId}-error` : undefined}
              onChange={(e) => setUntil(e.target.value)}
            />
            {untilError && (
              <p id={`${untilId}-error`} className="form-error">
                {untilError}
              </p>
            )}
          </div>
          <button type="submit" className="btn" disabled={busy}>
            Hold
          </button>
        </form>
      )}
      <fieldset className="choices policy-auto" aria-describedby={autoError ? `${untilId}-auto-error` : undefined}>
        <legend>Auto-update</legend>
        {(['off', 'clean'] as AutoUpdate[]).map((mode) => (
          <label key={mode} className="choice inline">
            <input
              type="radio"
              name={`auto-update-${artifactId}`}
              value={mode}
              checked={policy.auto_update === mode}
              disabled={busy}
              onChange={() => void send({ auto_update: mode })}
            />
            {mode === 'off' ? 'Off' : 'Clean updates (the watch applies upstream changes that merge without conflict)'}
          </label>
        ))}
        {autoError && (
          <p id={`${untilId}-auto-error`} className="form-error">
            {autoError}
          </p>
        )}
      </fieldset>
      {otherError && (
        <p className="form-error" role="alert">
          {otherError}
        </p>
      )}
    </section>
  );
}
