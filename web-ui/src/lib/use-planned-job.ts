import { useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from './api-client';
import { isTerminal, type Job, type JobPlan } from '../types/api';

/** How a feature's dialogs follow the jobs they start; the app shell provides both. */
export interface JobFollowing {
  /** The live jobs of this session, by id. */
  jobs: Readonly<Record<string, Job>>;
  /** A job was created: the shell watches it until it ends (an applied one with a toast). */
  onStarted: (job: Job, label: string, dryRun: boolean) => void;
}

/** A refused request: the server's message and, for bad input, the request field at fault. */
export interface Refusal {
  message: string;
  field: string | null;
  status: number | null;
}

/** Where a dialog's preview-then-apply stands. */
export interface PlannedJob {
  dryRun: Job | null;
  applied: Job | null;
  error: Refusal | null;
  busy: boolean;
  /** The dry run succeeded and nothing was applied yet. */
  planned: boolean;
  /** ... and its plan writes something: Apply may be offered. */
  canApply: boolean;
  /** A preview or apply is on its way (sent, or its job not ended). */
  pending: boolean;
  preview: (send: () => Promise<Job>, label: string) => Promise<void>;
  apply: (send: () => Promise<Job>, label: string) => Promise<void>;
  /** Forgets the plan (the request changed). */
  reset: () => void;
}

const WRITING: readonly JobPlan['action'][] = ['create', 'update', 'merge', 'conflict', 'remove'];

/** Whether applying this plan writes anything. */
export function planWrites(plans: readonly JobPlan[]): boolean {
  return plans.some((p) => WRITING.includes(p.action));
}

function refusal(e: unknown): Refusal {
  return e instanceof ApiError
    ? { message: e.message, field: e.problem?.field ?? null, status: e.status }
    : { message: errorMessage(e), field: null, status: null };
}

/**
 * The dry-run-then-apply flow every collection change takes: preview (a dry-run job whose plan is
 * shown), then apply (the same request with dry_run false), both followed through the shell's job
 * tracker. `onSucceeded` runs once, when the applied job ends in success.
 */
export function usePlannedJob({ jobs, onStarted }: JobFollowing, onSucceeded?: (job: Job) => void): PlannedJob {
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [appliedId, setAppliedId] = useState<string | null>(null);
  const [error, setError] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const dryRun = dryRunId ? (jobs[dryRunId] ?? null) : null;
  const applied = appliedId ? (jobs[appliedId] ?? null) : null;
  const succeeded = useRef<string | null>(null);
  const onSucceededRef = useRef(onSucceeded);
  onSucceededRef.current = onSucceeded;

  useEffect(() => {
    if (applied?.state === 'success' && succeeded.current !== applied.job_id) {
      succeeded.current = applied.job_id;
      onSucceededRef.current?.(applied);
    }
  }, [applied]);

  async function run(dry: boolean, send: () => Promise<Job>, label: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const job = await send();
      onStarted(job, dry ? `Dry run: ${label}` : label, dry);
      (dry ? setDryRunId : setAppliedId)(job.job_id);
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  }

  const planned = dryRun !== null && dryRun.state === 'success' && applied === null;
  return {
    dryRun,
    applied,
    error,
    busy,
    planned,
    canApply: planned && planWrites(dryRun.plans),
    pending: busy || (dryRun !== null && !isTerminal(dryRun.state)) || (applied !== null && !isTerminal(applied.state)),
    preview: (send: () => Promise<Job>, label: string) => run(true, send, label),
    apply: (send: () => Promise<Job>, label: string) => run(false, send, label),
    reset: () => {
      setDryRunId(null);
      setError(null);
    },
  };
}

/** Runs once when the dialog opens (not twice under StrictMode's double effects). */
export function useOnOpen(run: () => void): void {
  const done = useRef(false);
  useEffect(() => {
    if (!done.current) {
      done.current = true;
      run();
    }
  });
}
