import type { DiffMode } from './diff-file';

/** Split or unified; `name` keeps each toggle's radios apart when several are shown. */
export function DiffModeToggle({ name, mode, onChange }: { name: string; mode: DiffMode; onChange: (mode: DiffMode) => void }) {
  return (
    <div role="radiogroup" aria-label="Diff layout" className="segmented">
      {(['split', 'unified'] as DiffMode[]).map((m) => (
        <label key={m} className={`segment${mode === m ? ' active' : ''}`}>
          <input type="radio" name={name} value={m} checked={mode === m} onChange={() => onChange(m)} />
          {m === 'split' ? 'Split' : 'Unified'}
        </label>
      ))}
    </div>
  );
}
