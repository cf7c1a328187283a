import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isTerminal, type DriftEvent, type Job, type JobState } from '../../types/api';
import { autoUpdateJob, driftMessage } from './drift-summary';
import { JobFeed, type FeedMode } from './job-feed';
import { jobHeadline, jobSummary } from './job-summary';

export interface Toast {
  id: string;
  /** The job that ended; for a drift event, the auto-update job it started (or null). */
  jobId: string | null;
  /** How the job ended, or `drift` for a watch event. */
  state: JobState | 'drift';
  title: string;
  message: string;
}

export interface TrackOptions {
  /** What the job is about, e.g. "Upstream → Collection, skill:pdf-tools". */
  label: string;
  /** Whether its end shows a toast (when SYNC_UI_TOASTS allows). */
  notify: boolean;
}

export interface JobTracker {
  /** Every job document seen in this session, by id. */
  jobs: Record<string, Job>;
  /** Jobs started from this session, newest first, with their labels. */
  tracked: { jobId: string; label: string }[];
  track: (job: Job, options: TrackOptions) => void;
  /** Takes in a job document the caller got from the server (e.g. the answer to a cancel). */
  update: (job: Job) => void;
  mode: FeedMode;
  /** Grows by one whenever a tracked job ends: a cue to reload what it may have changed. */
  endedCount: number;
  /** Grows after drift events (once per burst): a cue to reload the statuses shown. */
  driftCount: number;
  toasts: Toast[];
  dismiss: (toastId: string) => void;
}

const TOAST_MS = 8000;
/** A watch pass emits its events together: the page reloads once, this long after the last one. */
export const DRIFT_RELOAD_MS = 750;

/** A job's toast for a state; resolving a conflict dismisses the job's conflict toast by it. */
export function toastId(jobId: string, state: JobState): string {
  return `${jobId}:${state}`;
}

const TrackerContext = createContext<JobTracker | null>(null);

export function useJobTracker(): JobTracker {
  const tracker = useContext(TrackerContext);
  if (!tracker) {
    throw new Error('useJobTracker needs a JobTrackerProvider');
  }
  return tracker;
}

/** The live state of one job, or null until it is known. */
export function useJob(jobId: string | null): Job | null {
  const { jobs } = useJobTracker();
  return jobId ? (jobs[jobId] ?? null) : null;
}

/**
 * Keeps the jobs of this session up to date (SSE, else polling) and raises toasts when they end,
 * and when the watch reports drift.
 */
export function JobTrackerProvider({ toastsEnabled, children }: { toastsEnabled: boolean; children: ReactNode }) {
  const jobsRef = useRef(new Map<string, Job>());
  const trackedRef = useRef(new Map<string, TrackOptions>());
  const endedRef = useRef(new Set<string>());
  const feedRef = useRef<JobFeed | null>(null);
  const timersRef = useRef(new Set<ReturnType<typeof setTimeout>>());
  const toastsEnabledRef = useRef(toastsEnabled);
  toastsEnabledRef.current = toastsEnabled;

  const [version, setVersion] = useState(0);
  const [endedCount, setEndedCount] = useState(0);
  const [driftCount, setDriftCount] = useState(0);
  const driftTimerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [mode, setMode] = useState<FeedMode>('connecting');
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [tracked, setTracked] = useState<{ jobId: string; label: string }[]>([]);

  const dismiss = useCallback((toastId: string) => {
    setToasts((all) => all.filter((t) => t.id !== toastId));
  }, []);

  /** Shows a toast (when SYNC_UI_TOASTS allows); good news goes away by itself. */
  const notify = useCallback(
    (toast: Toast, autoDismiss: boolean) => {
      if (!toastsEnabledRef.current) {
        return;
      }
      setToasts((all) => [...all.filter((t) => t.id !== toast.id), toast]);
      if (autoDismiss) {
        const timer = setTimeout(() => {
          timersRef.current.delete(timer);
          dismiss(toast.id);
        }, TOAST_MS);
        timersRef.current.add(timer);
      }
    },
    [dismiss],
  );

  const ended = useCallback(
    (job: Job, options: TrackOptions) => {
      setEndedCount((n) => n + 1);
      if (options.notify) {
        const message = `${options.label}: ${jobSummary(job)}`;
        notify({ id: toastId(job.job_id, job.state), jobId: job.job_id, state: job.state, title: jobHeadline(job), message }, job.state === 'success');
      }
    },
    [notify],
  );

  const upsert = useCallback(
    (job: Job) => {
      const previous = jobsRef.current.get(job.job_id);
      // Events can arrive out of order with polls: an ended job never goes back to running.
      const current = previous && isTerminal(previous.state) && !isTerminal(job.state) ? previous : job;
      jobsRef.current.set(job.job_id, current);
      const options = trackedRef.current.get(job.job_id);
      if (options && isTerminal(current.state) && !endedRef.current.has(job.job_id)) {
        endedRef.current.add(job.job_id);
        ended(current, options);
      }
      setVersion((v) => v + 1);
    },
    [ended],
  );

  /** Drops a job the server no longer knows, so it neither counts as running nor is read again. */
  const forget = useCallback((jobId: string) => {
    trackedRef.current.delete(jobId);
    jobsRef.current.delete(jobId);
    setTracked((all) => all.filter((t) => t.jobId !== jobId));
    setVersion((v) => v + 1);
  }, []);

  /**
   * A drift event: a toast, a reload of the statuses once the pass's burst of events is over, and
   * the auto-update job it started followed like one started here (its end reloads the page too).
   */
  const drifted = useCallback(
    (event: DriftEvent) => {
      const job = autoUpdateJob(event);
      notify({ id: `drift:${event.event_id}`, jobId: job, state: 'drift', title: `Drift in ${event.collection}`, message: driftMessage(event) }, true);
      if (driftTimerRef.current) {
        clearTimeout(driftTimerRef.current);
      }
      driftTimerRef.current = setTimeout(() => {
        driftTimerRef.current = null;
        setDriftCount((n) => n + 1);
      }, DRIFT_RELOAD_MS);
      if (job && !trackedRef.current.has(job)) {
        const label = `Auto-update, ${event.artifact_id}`;
        trackedRef.current.set(job, { label, notify: true });
        setTracked((all) => [{ jobId: job, label }, ...all]);
        feedRef.current?.refresh(job).catch(() => undefined);
      }
    },
    [notify],
  );

  useEffect(() => {
    const feed = new JobFeed({
      onJob: upsert,
      onMode: setMode,
      onDrift: drifted,
      onGone: forget,
      pending: () =>
        [...trackedRef.current.keys()].filter((id) => {
          const job = jobsRef.current.get(id);
          return !job || !isTerminal(job.state);
        }),
    });
    feedRef.current = feed;
    feed.start();
    const timers = timersRef.current;
    return () => {
      feed.stop();
      timers.forEach(clearTimeout);
      timers.clear();
      if (driftTimerRef.current) {
        clearTimeout(driftTimerRef.current);
      }
    };
  }, [upsert, forget, drifted]);

  const track = useCallback(
    (job: Job, options: TrackOptions) => {
      trackedRef.current.set(job.job_id, options);
      setTracked((all) => [{ jobId: job.job_id, label: options.label }, ...all.filter((t) => t.jobId !== job.job_id)]);
      upsert(job);
      // The stream may have carried transitions before this session knew the job.
      feedRef.current?.refresh(job.job_id).catch(() => undefined);
    },
    [upsert],
  );

  const value = useMemo<JobTracker>(
    () => ({ jobs: Object.fromEntries(jobsRef.current), tracked, track, update: upsert, mode, endedCount, driftCount, toasts, dismiss }),
    // version changes whenever jobsRef does.
    [version, tracked, track, upsert, mode, endedCount, driftCount, toasts, dismiss],
  );
  return <TrackerContext.Provider value={value}>{children}</TrackerContext.Provider>;
}
