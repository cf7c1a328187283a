import { vi } from 'vitest';
import type { DriftEvent, Job } from '../types/api';

export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

type Route = (call: Call) => { status?: number; body?: unknown } | undefined;

/** Replaces fetch with a router; returns the calls made, for assertions. */
export function mockFetch(route: Route): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const call: Call = {
        method: init.method ?? 'GET',
        url,
        headers: (init.headers ?? {}) as Record<string, string>,
        body: init.body ? JSON.parse(init.body as string) : undefined,
      };
      calls.push(call);
      const answer = route(call) ?? { status: 404, body: { status: 404, detail: `no route for ${call.method} ${url}` } };
      return new Response(answer.body === undefined ? '' : JSON.stringify(answer.body), { status: answer.status ?? 200 });
    }),
  );
  return calls;
}

/** A job document with defaults, for tests. */
export function job(overrides: Partial<Job>): Job {
  return {
    job_id: 'job-1',
    kind: 'sync',
    direction: 'collection_to_project',
    state: 'queued',
    pct: 0,
    phase: 'queued',
    waiting_reason: null,
    created_at: '2026-11-01T10:00:00Z',
    started_at: null,
    ended_at: null,
    duration_ms: null,
    trace_id: 'trace-1',
    status_url: '/api/v1/sync/jobs/job-1',
    log_excerpt: null,
    request: { artifact_ids: ['agent:architect'], collection: 'default', project_path: '/p', strategy: 'auto', dry_run: true },
    artifacts: [],
    plans: [],
    conflicts: [],
    unresolved_files: [],
    result: {},
    ...overrides,
  };
}

/** A drift event with defaults (the upstream of skill:x moved two commits), for tests. */
export function driftEvent(overrides: Partial<DriftEvent>): DriftEvent {
  return {
    event_id: 'ev-1',
    at: '2026-12-06T03:00:00Z',
    collection: 'default',
    artifact_id: 'skill:x',
    project_path: null,
    edge: 'upstream_to_collection',
    from: 'synced',
    to: 'outdated',
    reason: 'source changed since the base',
    upstream: {
      repository: 'file:///srv/git/tools',
      ref: 'main',
      from_sha: 'aaaa',
      to_sha: 'cccc',
      commits: [
        { sha: 'cccc', date: '2026-12-06T02:59:00Z', author: 'Ada <ada@example.com>', subject: 'Tighten the checklist' },
        { sha: 'bbbb', date: '2026-12-06T02:58:00Z', author: 'Ada <ada@example.com>', subject: 'Mention the changelog' },
      ],
    },
    held: false,
    hold_reason: null,
    auto_update: 'off',
    action: null,
    ...overrides,
  };
}
