import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from './api-client';

export interface Resource<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data when its inputs change and keeps the last answer while reloading, so lists do not
 * flash empty on refresh. A stale answer (inputs changed meanwhile) is dropped.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const run = useCallback(load, deps);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    run(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) {
          setData(value);
          setError(null);
          setLoading(false);
        }
      },
      (e: unknown) => {
        if (!controller.signal.aborted) {
          setError(errorMessage(e));
          setLoading(false);
        }
      },
    );
    return () => controller.abort();
  }, [run, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload };
}
