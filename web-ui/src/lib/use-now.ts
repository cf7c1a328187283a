import { useEffect, useState } from 'react';

/** The current time, renewed every `everyMs`, so "3 min ago" texts age while the page stays open. */
export function useNow(everyMs = 60000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
