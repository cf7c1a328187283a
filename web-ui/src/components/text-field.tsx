import { useId } from 'react';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Why the value is refused (shown under the field, which is then marked invalid). */
  error?: string | null;
  /** Shown under the field while there is no error. */
  hint?: string;
  placeholder?: string;
  disabled?: boolean;
  /** Lets the field grow to fill its row. */
  grow?: boolean;
}

/** A labelled text input with its error (or hint) below it, tied to it for screen readers. */
export function TextField({ label, value, onChange, error, hint, placeholder, disabled, grow }: TextFieldProps) {
  const id = useId();
  const note = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={grow ? 'field grow' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={note}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <p id={note} className="form-error">
          {error}
        </p>
      ) : (
        hint && (
          <p id={note} className="small muted">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
