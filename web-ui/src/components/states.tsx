import type { ReactNode } from 'react';

export function Loading({ label }: { label: string }) {
  return (
    <div className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">
        <span aria-hidden="true">✕ </span>
        {message}
      </p>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A notice inside content, e.g. "text left out"; the icon and heading carry the meaning. */
export function Notice({ tone, children }: { tone: 'info' | 'warn'; children: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role="note">
      <span className="notice-icon" aria-hidden="true">
        {tone === 'warn' ? '⚠' : 'ℹ'}
      </span>
      <div>{children}</div>
    </div>
  );
}
