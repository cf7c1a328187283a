import { useJobTracker } from './job-tracker';

const ICONS: Record<string, string> = { success: '✓', conflict: '⚠', error: '✕', canceled: '⊘', drift: '↯' };

interface JobToastsProps {
  /** Opens the conflict dialog of a job that ended in conflict. */
  onResolve: (jobId: string) => void;
}

/** Job-completion and drift toasts, announced politely (errors and conflicts assertively). */
export function JobToasts({ onResolve }: JobToastsProps) {
  const { toasts, dismiss } = useJobTracker();
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.state}`} role={t.state === 'success' || t.state === 'drift' ? 'status' : 'alert'}>
          <span className="toast-icon" aria-hidden="true">
            {ICONS[t.state] ?? 'ℹ'}
          </span>
          <div className="toast-text">
            <strong>{t.title}</strong>
            <p>{t.message}</p>
            {t.state === 'conflict' && (
              <button type="button" className="btn btn-small" onClick={() => t.jobId && onResolve(t.jobId)}>
                Resolve conflicts…
              </button>
            )}
          </div>
          <button type="button" className="btn btn-ghost" aria-label="Dismiss notification" onClick={() => dismiss(t.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
