import { vi } from 'vitest';
import type { DriftEvent, Job } from '../types/api';

/** An EventSource the test drives: it opens, drops and delivers `job` and `drift` events when told to. */
export class FakeEventSource extends EventTarget {
  closed = false;

  constructor(readonly url: string) {
    super();
  }

  close(): void {
    this.closed = true;
  }

  /** The stream is up. */
  open(): void {
    this.dispatchEvent(new Event('open'));
  }

  /** The stream broke; a real EventSource then retries by itself. */
  drop(): void {
    this.dispatchEvent(new Event('error'));
  }

  /** The server sends a job transition. */
  send(job: Job): void {
    this.dispatchEvent(new MessageEvent('job', { data: JSON.stringify(job) }));
  }

  /** The watch reports a cell that changed status. */
  drift(event: DriftEvent): void {
    this.dispatchEvent(new MessageEvent('drift', { data: JSON.stringify(event) }));
  }
}

/** Replaces EventSource with FakeEventSource; returns the streams opened, oldest first. */
export function stubEventSource(): FakeEventSource[] {
  const opened: FakeEventSource[] = [];
  vi.stubGlobal(
    'EventSource',
    class extends FakeEventSource {
      constructor(url: string) {
        super(url);
        opened.push(this);
      }
    },
  );
  return opened;
}
