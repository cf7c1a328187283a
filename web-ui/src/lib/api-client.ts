import type { Problem } from '../types/api';
import { clearToken, getToken } from './auth';

/** A failed API call, carrying the problem document the server answered with. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, fallback: string) {
    super(problem?.detail ?? problem?.title ?? fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** Query parameters; a list repeats its key (`project=a&project=b`). */
export type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Use this token instead of the session's, and do not sign out on 401 (sign-in checks it). */
  token?: string;
}

/** One request, as the debug drawer lists it. */
export interface RequestRecord {
  at: string;
  method: string;
  path: string;
  status: number | null;
  ms: number;
  error?: string;
}

type Listener = () => void;

let onUnauthorized: Listener = () => {};
const records: RequestRecord[] = [];
const recordListeners = new Set<Listener>();
const MAX_RECORDS = 50;

/** Called when the server rejects the session's token: the app returns to sign-in. */
export function setUnauthorizedHandler(handler: Listener): void {
  onUnauthorized = handler;
}

export function requestLog(): readonly RequestRecord[] {
  return records;
}

export function subscribeRequestLog(listener: Listener): () => void {
  recordListeners.add(listener);
  return () => recordListeners.delete(listener);
}

function record(r: RequestRecord): void {
  records.unshift(r);
  records.length = Math.min(records.length, MAX_RECORDS);
  recordListeners.forEach((l) => l());
}

export function withQuery(path: string, query?: Query): string {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (Array.isArray(v)) {
      v.forEach((item: string) => params.append(k, item));
    } else if (v !== undefined && v !== null && v !== '') {
      params.set(k, String(v));
    }
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

/**
 * A URL for what cannot send headers (links, EventSource): the token rides as `access_token`,
 * which the server accepts on the SSE stream and the download routes only.
 */
export function withToken(url: string): string {
  const token = getToken();
  return token ? withQuery(url, { access_token: token }) : url;
}

/** Calls the API with the bearer token; JSON in, JSON out; problem documents become ApiErrors. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const url = withQuery(path, options.query);
  const token = options.token ?? getToken();
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    record({ at: new Date().toISOString(), method, path: url, status: null, ms: performance.now() - started, error: message });
    throw e;
  }
  record({ at: new Date().toISOString(), method, path: url, status: response.status, ms: Math.round(performance.now() - started) });
  if (response.status === 401) {
    if (options.token === undefined) {
      clearToken();
      onUnauthorized();
    }
    throw new ApiError(401, await problem(response), 'The API token was rejected.');
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problem(response), `${method} ${path} failed with ${response.status}`);
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

async function problem(response: Response): Promise<Problem | null> {
  try {
    return (await response.json()) as Problem;
  } catch {
    return null;
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
