import { withToken } from '../../../lib/api-client';

/**
 * The URL of the server-sent event stream of job transitions (one `job` event per change). An
 * EventSource cannot send headers, so the token rides in the URL.
 */
export function jobEventsUrl(): string {
  return withToken('/api/v1/sync/events');
}
