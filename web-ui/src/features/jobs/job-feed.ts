import { ApiError } from '../../lib/api-client';
import type { DriftEvent, Job } from '../../types/api';
import { getJob } from './api/get-job';
import { jobEventsUrl } from './api/job-events';

export type FeedMode = 'connecting' | 'sse' | 'polling';

const MODE_LABELS: Record<FeedMode, string> = {
  connecting: 'connecting…',
  sse: 'live (server-sent events)',
  polling: 'polling every 2 s (stream unavailable)',
};

/** How job updates arrive, in words (the debug drawer shows it). */
export function feedModeLabel(mode: FeedMode): string {
  return MODE_LABELS[mode];
}

export interface JobFeedOptions {
  /** Called with every job document received, from the stream or a poll. */
  onJob: (job: Job) => void;
  onMode: (mode: FeedMode) => void;
  /** Called with every drift event of the watch (the stream's `drift` events; never polled). */
  onDrift?: (event: DriftEvent) => void;
  /** The jobs that still need watching (tracked and not ended). */
  pending: () => string[];
  /** Called when the server no longer knows a job (404): it was removed, e.g. by retention. */
  onGone?: (jobId: string) => void;
  eventSource?: (url: string) => EventSource;
  pollMs?: number;
  maxPollMs?: number;
}

export const POLL_MS = 2000;
export const MAX_POLL_MS = 30000;
/** While the stream is up, pending jobs are still re-read now and then, in case an event was lost. */
export const SAFETY_POLL_MS = 10000;

/**
 * Job transitions (and the watch's drift events) from the server-sent event stream, falling back
 * to polling each pending job every 2 s while the stream is down; failed polls back off (doubling,
 * up to 30 s).
 */
export class JobFeed {
  private source: EventSource | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private mode: FeedMode = 'connecting';
  private delay: number;
  private stopped = false;

  constructor(private readonly options: JobFeedOptions) {
    this.delay = options.pollMs ?? POLL_MS;
  }

  start(): void {
    const create = this.options.eventSource ?? ((url: string) => new EventSource(url));
    try {
      this.source = create(jobEventsUrl());
    } catch {
      this.setMode('polling');
      this.schedule();
      return;
    }
    this.source.addEventListener('open', () => {
      this.setMode('sse');
      this.delay = this.options.pollMs ?? POLL_MS;
    });
    this.source.addEventListener('job', (e) => {
      this.options.onJob(JSON.parse((e as MessageEvent<string>).data) as Job);
    });
    this.source.addEventListener('drift', (e) => {
      this.options.onDrift?.(JSON.parse((e as MessageEvent<string>).data) as DriftEvent);
    });
    this.source.addEventListener('error', () => {
      // EventSource reconnects by itself; meanwhile, poll, starting now rather than when the
      // slower read planned while the stream was up falls due.
      const wasLive = this.mode === 'sse';
      this.setMode('polling');
      if (wasLive) {
        this.reschedule();
      }
    });
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.source?.close();
    if (this.timer) {
      clearTimeout(this.timer);
    }
  }

  /** Reads one job now (e.g. right after creating it). */
  async refresh(jobId: string): Promise<void> {
    this.options.onJob(await getJob(jobId));
  }

  private setMode(mode: FeedMode): void {
    if (mode !== this.mode) {
      this.mode = mode;
      this.options.onMode(mode);
    }
  }

  private reschedule(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) {
      return;
    }
    const wait = this.mode === 'sse' ? SAFETY_POLL_MS : this.delay;
    this.timer = setTimeout(() => void this.poll(), wait);
  }

  /**
   * Reads every pending job. A job the server no longer knows is dropped; the others keep their
   * pace. Only reads that fail for other reasons (the server down, the network) back off.
   */
  private async poll(): Promise<void> {
    const ids = this.options.pending();
    const outcomes = await Promise.allSettled(ids.map((id) => this.refresh(id)));
    let failed = false;
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') {
        return;
      }
      if (outcome.reason instanceof ApiError && outcome.reason.status === 404) {
        this.options.onGone?.(ids[i]);
      } else {
        failed = true;
      }
    });
    this.delay = failed
      ? Math.min(this.delay * 2, this.options.maxPollMs ?? MAX_POLL_MS)
      : (this.options.pollMs ?? POLL_MS);
    this.schedule();
  }
}
