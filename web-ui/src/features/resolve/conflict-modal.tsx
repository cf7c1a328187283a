import { useCallback, useState } from 'react';
import { Modal } from '../../components/modal';
import { JobStateBadge } from '../../components/status-badge';
import { ErrorState, Loading, Notice } from '../../components/states';
import { errorMessage } from '../../lib/api-client';
import { directionLabel, directionTiers, pluralize, TIER_LABELS } from '../../lib/format';
import { isTerminal, type DirectedJob, type Job, type JobConflict, type Strategy } from '../../types/api';
import { createResolve, type FileChoice } from './api/create-resolve';
import { ThreePanes } from './three-panes';

type Step = 'choose' | 'confirm' | 'submitted';

/** The conflicted files of a job, grouped by artifact (artifacts in conflict without files too). */
function conflictsByArtifact(job: Job): Map<string, JobConflict[]> {
  const groups = new Map<string, JobConflict[]>();
  for (const a of job.artifacts) {
    if (a.outcome === 'conflict') {
      groups.set(a.artifact_id, []);
    }
  }
  for (const c of job.conflicts) {
    groups.set(c.artifact_id, [...(groups.get(c.artifact_id) ?? []), c]);
  }
  return groups;
}

interface ConflictModalProps {
  /** The job that ended in conflict. */
  job: DirectedJob;
  /** The live jobs of this session, by id: the modal follows the resolve job it starts in it. */
  jobs: Readonly<Record<string, Job>>;
  /** The resolve job was created; it should be watched until it ends. */
  onStarted: (resolveJob: Job, label: string) => void;
  onClose: () => void;
}

/**
 * Resolves a conflicted sync: a strategy per artifact (auto, keep destination, take source), or,
 * side by side, a result per conflicted file (hunk by hunk, or a strategy for the file); a second
 * confirmation before anything is overwritten, then the files still unresolved.
 */
export function ConflictModal({ job, jobs, onStarted, onClose }: ConflictModalProps) {
  const groups = conflictsByArtifact(job);
  const ids = [...groups.keys()];
  const { source, destination } = directionTiers(job.direction);
  const keep = `Keep ${TIER_LABELS[destination].toLowerCase()}`;
  const take = `Take ${TIER_LABELS[source].toLowerCase()}`;
  const [strategies, setStrategies] = useState<Record<string, Strategy>>(() => Object.fromEntries(ids.map((id) => [id, 'auto'])));
  const [step, setStep] = useState<Step>('choose');
  const [error, setError] = useState<string | null>(null);
  const [resolveId, setResolveId] = useState<string | null>(null);
  const resolveJob = resolveId ? (jobs[resolveId] ?? null) : null;
  // Artifact id → the chosen file results of its three panes (null while they load); absent: closed.
  const [chosen, setChosen] = useState<Record<string, Record<string, FileChoice> | null>>({});
  const comparing = ids.filter((id) => id in chosen);
  const overwriting = ids.filter((id) => strategies[id] !== 'auto' || id in chosen);
  const overwrittenFiles = overwriting.reduce((n, id) => n + Math.max(1, groups.get(id)?.length ?? 0), 0);
  const loadingPanes = comparing.some((id) => chosen[id] === null);
  const onChosen = useCallback((id: string, choices: Record<string, FileChoice> | null) => {
    setChosen((all) => (id in all ? { ...all, [id]: choices } : all));
  }, []);
  const choosers = useChoosers(onChosen);

  function toggleCompare(id: string) {
    setChosen((all) => {
      const next = { ...all };
      if (id in next) {
        delete next[id];
      } else {
        next[id] = null;
      }
      return next;
    });
  }

  async function submit() {
    setError(null);
    try {
      const files: Record<string, Record<string, FileChoice>> = {};
      for (const id of comparing) {
        const c = chosen[id];
        if (c) {
          files[id] = c;
        }
      }
      const created = await createResolve(
        comparing.length > 0 ? { job_id: job.job_id, strategies, files } : { job_id: job.job_id, strategies },
      );
      onStarted(created, `Resolve ${ids.length === 1 ? ids[0] : pluralize(ids.length, 'artifact')}`);
      setResolveId(created.job_id);
      setStep('submitted');
    } catch (e) {
      setError(errorMessage(e));
      setStep('choose');
    }
  }

  const footer =
    step === 'choose' ? (
      <>
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" disabled={ids.length === 0 || loadingPanes} onClick={() => (overwriting.length > 0 ? setStep('confirm') : void submit())}>
          Resolve
        </button>
      </>
    ) : step === 'confirm' ? (
      <>
        <button type="button" className="btn" onClick={() => setStep('choose')}>
          Back
        </button>
        <button type="button" className="btn btn-danger" onClick={() => void submit()}>
          Yes, overwrite {pluralize(overwrittenFiles, 'file')}
        </button>
      </>
    ) : (
      <button type="button" className="btn btn-primary" onClick={onClose}>
        Close
      </button>
    );

  return (
    <Modal title="Resolve conflicts" onClose={onClose} footer={footer} wide>
      <p className="muted">
        {directionLabel(job.direction)} · job <code>{job.job_id}</code>
      </p>
      {error && <ErrorState message={error} />}
      {step === 'choose' &&
        (ids.length === 0 ? (
          <Notice tone="info">This job has no conflicted artifacts left.</Notice>
        ) : (
          <ul className="plain conflict-list">
            {ids.map((id) => (
              <li key={id} className="conflict-artifact">
                <fieldset className="choices">
                  <legend>
                    <span aria-hidden="true">⚠ </span>
                    <code>{id}</code>
                  </legend>
                  <ul className="plain small">
                    {(groups.get(id) ?? []).map((c) => (
                      <li key={c.path}>
                        <code>{c.path}</code> <span className="muted">({c.kind.replace('_', ' ')})</span>
                      </li>
                    ))}
                  </ul>
                  <button type="button" className="btn btn-small compare-toggle" aria-expanded={id in chosen} onClick={() => toggleCompare(id)}>
                    {id in chosen ? 'Close side by side' : 'Compare side by side'}
                  </button>
                  {id in chosen && <ThreePanes jobId={job.job_id} artifactId={id} onChange={choosers(id)} />}
                  {!(id in chosen) && (
                  <div className="strategy-row" role="radiogroup" aria-label={`Strategy for ${id}`}>
                    {(
                      [
                        ['auto', 'Auto (keep my manual fixes)'],
                        ['ours', keep],
                        ['theirs', take],
                      ] as [Strategy, string][]
                    ).map(([value, text]) => (
                      <label key={value} className="choice inline">
                        <input
                          type="radio"
                          name={`strategy-${id}`}
                          value={value}
                          checked={strategies[id] === value}
                          onChange={() => setStrategies({ ...strategies, [id]: value })}
                        />
                        {text}
                      </label>
                    ))}
                  </div>
                  )}
                </fieldset>
              </li>
            ))}
          </ul>
        ))}
      {step === 'confirm' && (
        <Notice tone="warn">
          <strong>Overwrite conflicted files?</strong>
          <ul>
            {overwriting.map((id) => (
              <li key={id}>
                <code>{id}</code>:{' '}
                {id in chosen ? 'the result chosen side by side' : strategies[id] === 'ours' ? keep : take} overwrites its conflicted files in the{' '}
                {TIER_LABELS[destination].toLowerCase()}.
              </li>
            ))}
          </ul>
          <p>The versions being replaced stay in tiersync’s history store.</p>
        </Notice>
      )}
      {step === 'submitted' &&
        (!resolveJob || !isTerminal(resolveJob.state) ? (
          <Loading label={`Resolving… ${resolveJob?.pct ?? 0}%`} />
        ) : (
          <section aria-labelledby="resolve-result">
            <h3 id="resolve-result">
              Result <JobStateBadge state={resolveJob.state} />
            </h3>
            {resolveJob.unresolved_files.length > 0 ? (
              <Notice tone="warn">
                <strong>{pluralize(resolveJob.unresolved_files.length, 'file')} still unresolved</strong>
                <ul>
                  {resolveJob.unresolved_files.map((f) => (
                    <li key={f}>
                      <code>{f}</code>
                    </li>
                  ))}
                </ul>
                <p>Remove the conflict markers in these files, then resolve again with Auto, or pick a side.</p>
              </Notice>
            ) : resolveJob.state === 'success' ? (
              <p role="status">
                <span aria-hidden="true">✓ </span>All conflicts resolved: no files left unresolved.
              </p>
            ) : (
              <ErrorState message={resolveJob.log_excerpt?.trim().split('\n').pop() ?? `The resolve job ended ${resolveJob.state}.`} />
            )}
          </section>
        ))}
    </Modal>
  );
}

/** One stable callback per artifact, so each ThreePanes reports its choices without re-render loops. */
function useChoosers(onChosen: (id: string, choices: Record<string, FileChoice> | null) => void) {
  const [cache] = useState(() => new Map<string, (choices: Record<string, FileChoice> | null) => void>());
  return (id: string) => {
    let f = cache.get(id);
    if (!f) {
      f = (choices) => onChosen(id, choices);
      cache.set(id, f);
    }
    return f;
  };
}
