/**
 * What the page shows, kept in the address's query (`?view=fleet&drift=true&project=…`) so a
 * reload or a shared link opens the same view. Written with replaceState: filters are not steps
 * the Back button should walk through.
 */
export function readParam(key: string): string | null {
  return new URLSearchParams(window.location.search).get(key);
}

export function readParams(key: string): string[] {
  return new URLSearchParams(window.location.search).getAll(key);
}

/** Sets (or, with null, an empty string or an empty list, removes) query parameters. */
export function writeParams(values: Record<string, string | readonly string[] | null>): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(values)) {
    params.delete(key);
    for (const v of typeof value === 'string' ? [value] : (value ?? [])) {
      if (v) {
        params.append(key, v);
      }
    }
  }
  const query = params.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
}
