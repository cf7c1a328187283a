import { useEffect, useId, type ReactNode } from 'react';

/** A side panel that leaves the page usable; Escape closes it. */
export function Drawer({ title, onClose, children, side }: { title: string; onClose: () => void; children: ReactNode; side: 'right' | 'bottom' }) {
  const titleId = useId();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('dialog[open]')) {
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside className={`drawer drawer-${side}`} role="complementary" aria-labelledby={titleId}>
      <header className="drawer-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn btn-ghost" aria-label={`Close ${title.toLowerCase()}`} onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="drawer-body">{children}</div>
    </aside>
  );
}
