import { useEffect, useState } from 'react';
import { ErrorState, Loading } from '../components/states';
import { SignIn } from '../features/auth/sign-in';
import { JobTrackerProvider } from '../features/jobs';
import { useWorkspace } from '../features/workspace/api/get-workspace';
import { setUnauthorizedHandler } from '../lib/api-client';
import { clearToken, getToken, setToken } from '../lib/auth';
import { Workbench } from './workbench';

function SignedIn({ onSignOut }: { onSignOut: () => void }) {
  const workspace = useWorkspace();
  if (workspace.error) {
    return <ErrorState message={`Could not reach tiersync: ${workspace.error}`} onRetry={workspace.reload} />;
  }
  if (!workspace.data) {
    return <Loading label="Loading workspace…" />;
  }
  return (
    <JobTrackerProvider toastsEnabled={workspace.data.ui_toasts}>
      <Workbench workspace={workspace.data} onWorkspaceChanged={workspace.reload} onSignOut={onSignOut} />
    </JobTrackerProvider>
  );
}

/** Sign-in gate: a 401 anywhere returns here. */
export function App() {
  const [token, setTokenState] = useState<string | null>(getToken);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setTokenState(null);
      setNotice('The server rejected your token (expired or revoked). Sign in again.');
    });
  }, []);

  if (!token) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(t) => {
          setToken(t);
          setNotice(null);
          setTokenState(t);
        }}
      />
    );
  }
  return (
    <SignedIn
      onSignOut={() => {
        clearToken();
        setTokenState(null);
      }}
    />
  );
}
