import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../lib/api-client';
import { verifyToken } from './api/verify-token';

interface SignInProps {
  notice: string | null;
  onSignedIn: (token: string) => void;
}

/** Asks for the API token; it is kept for this browser session only. */
export function SignIn({ notice, onSignedIn }: SignInProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const value = token.trim();
    if (!value) {
      setError('Enter the API token.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await verifyToken(value);
      onSignedIn(value);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'This token was rejected. Check it and try again.' : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit} aria-describedby="sign-in-help">
        <h1>
          <span className="brand-mark" aria-hidden="true">
            ⇅
          </span>{' '}
          tiersync
        </h1>
        <p id="sign-in-help" className="muted">
          Sign in with an API token: one of <code>TIERSYNC_API_TOKENS</code>, or the token the server generated into{' '}
          <code>&lt;TIERSYNC_HOME&gt;/api-token</code> and logged on its first start. It is kept for this browser session only.
        </p>
        {notice && (
          <p className="form-notice" role="status">
            {notice}
          </p>
        )}
        <label htmlFor="api-token">API token</label>
        <input
          id="api-token"
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        {error && (
          <p id="sign-in-error" className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
