import { useState } from 'react';
import { CopyField } from '../../components/copy-field';
import { Modal } from '../../components/modal';
import { JobStateBadge } from '../../components/status-badge';
import { ErrorState, Loading, Notice } from '../../components/states';
import { errorMessage, withToken } from '../../lib/api-client';
import { formatBytes } from '../../lib/format';
import { isTerminal, type Job } from '../../types/api';
import { createPatch } from './api/create-patch';

interface PushUpstreamDialogProps {
  artifactId: string;
  collection: string;
  projectPath: string;
  defaultFormat: string;
  /** The live jobs of this session, by id: the dialog follows the patch job it starts in it. */
  jobs: Readonly<Record<string, Job>>;
  /** The patch job was created; it should be watched until it ends. */
  onStarted: (patchJob: Job, label: string) => void;
  onClose: () => void;
}

/**
 * Push upstream: tiersync never writes upstream; it exports the project's version as a patch
 * bundle to apply in the upstream repository, with its checksum and a GitHub link when there is one.
 */
export function PushUpstreamDialog({ artifactId, collection, projectPath, defaultFormat, jobs, onStarted, onClose }: PushUpstreamDialogProps) {
  const [format, setFormat] = useState(defaultFormat);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = jobId ? (jobs[jobId] ?? null) : null;

  async function request() {
    setError(null);
    try {
      const created = await createPatch({ artifact_ids: [artifactId], collection, project_path: projectPath, format });
      onStarted(created, `Patch for ${artifactId}`);
      setJobId(created.job_id);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const result = job?.state === 'success' ? job.result : null;
  const size = result?.size_bytes === undefined ? null : Number(result.size_bytes);
  return (
    <Modal
      title="Push upstream"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
          {!jobId && (
            <button type="button" className="btn btn-primary" onClick={() => void request()}>
              Create patch bundle
            </button>
          )}
        </>
      }
    >
      <p className="muted">
        Exports the project’s version of <code>{artifactId}</code> as a Git patch against its upstream. tiersync never pushes: apply
        the bundle in a clone of the upstream repository and open a pull request.
      </p>
      {!jobId && (
        <label className="select-label">
          <span>Format</span>
          <select value={format} onChange={(e) => setFormat(e.target.value)}>
            <option value="tar.gz">tar.gz</option>
            <option value="zip">zip</option>
          </select>
        </label>
      )}
      {error && <ErrorState message={error} />}
      {job && !isTerminal(job.state) && <Loading label={`Building the bundle… ${job.pct}%`} />}
      {job && isTerminal(job.state) && !result && (
        <ErrorState message={job.log_excerpt?.trim().split('\n').pop() ?? `The patch job ended ${job.state}.`} />
      )}
      {result?.download_url && (
        <section aria-labelledby="bundle-heading" className="bundle">
          <h3 id="bundle-heading">
            Bundle ready <JobStateBadge state="success" />
          </h3>
          <p>
            <a className="btn btn-primary" href={withToken(result.download_url)} download={result.file_name}>
              Download bundle ({result.format ?? format})
            </a>{' '}
            {result.github_pr_url && (
              <a className="btn" href={result.github_pr_url} target="_blank" rel="noopener noreferrer">
                Open GitHub link <span aria-hidden="true">↗</span>
              </a>
            )}
          </p>
          {result.file_name && (
            <p className="small muted">
              File <code>{result.file_name}</code>
            </p>
          )}
          <CopyField label="Download URL" value={new URL(result.download_url, window.location.origin).toString()} />
          <dl className="facts">
            <dt>SHA-256</dt>
            <dd className="mono" data-testid="bundle-sha256">
              {result.sha256}
            </dd>
            <dt>Size</dt>
            <dd data-testid="bundle-size">
              {formatBytes(size)} ({size} bytes)
            </dd>
            <dt>Trial apply</dt>
            <dd>
              {result.trial_apply === 'clean' ? '✓ applies cleanly to the current upstream' : result.trial_apply === 'conflict' ? '⚠ conflicts with the current upstream' : 'unknown'}
            </dd>
            {result.suggested_branch && (
              <>
                <dt>Suggested branch</dt>
                <dd className="mono">{result.suggested_branch}</dd>
              </>
            )}
          </dl>
          <Notice tone="info">The download URL needs the API token (as a bearer header, or the access_token query parameter).</Notice>
        </section>
      )}
    </Modal>
  );
}
