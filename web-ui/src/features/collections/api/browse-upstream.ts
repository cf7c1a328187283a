import { api } from '../../../lib/api-client';
import type { UpstreamListing } from '../../../types/api';

/** What a Git repository holds at a ref (none: its default branch); read synchronously. */
export function browseUpstream(url: string, ref: string, signal?: AbortSignal): Promise<UpstreamListing> {
  return api<UpstreamListing>('/api/v1/upstreams/artifacts', { query: { url, ref }, signal });
}
