import { useEffect, useState, useSyncExternalStore } from 'react';
import { Drawer } from '../../components/drawer';
import { JobStateBadge } from '../../components/status-badge';
import { Empty } from '../../components/states';
import { requestLog, subscribeRequestLog } from '../../lib/api-client';
import type { Job } from '../../types/api';

interface DebugDrawerProps {
  onClose: () => void;
  /** The job to show first, e.g. the one whose Details were asked for. */
  focusJobId: string | null;
  /** Every job document seen in this session, by id. */
  jobs: Readonly<Record<string, Job>>;
  /** How job updates arrive, in words. */
  updates: string;
}

/** Trace ids, raw job documents and the last API requests, for bug reports and support. */
export function DebugDrawer({ onClose, focusJobId, jobs, updates }: DebugDrawerProps) {
  const [selected, setSelected] = useState<string | null>(focusJobId);
  const requests = useSyncExternalStore(subscribeRequestLog, requestLog);
  useEffect(() => setSelected(focusJobId), [focusJobId]);
  const all = Object.values(jobs).sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? ''));
  const job = selected ? jobs[selected] : null;

  return (
    <Drawer title="Debug" side="bottom" onClose={onClose}>
      <div className="debug-grid">
        <section aria-labelledby="debug-jobs">
          <h3 id="debug-jobs">Jobs this session</h3>
          <p className="small muted">Job updates: {updates}</p>
          {all.length === 0 ? (
            <Empty title="No jobs seen yet." />
          ) : (
            <table className="table small">
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">State</th>
                  <th scope="col">Trace id</th>
                </tr>
              </thead>
              <tbody>
                {all.map((j) => (
                  <tr key={j.job_id} className={j.job_id === selected ? 'selected' : undefined}>
                    <td>
                      <button type="button" className="link-button mono" onClick={() => setSelected(j.job_id)} aria-label={`Show raw JSON of ${j.job_id}`}>
                        {j.job_id}
                      </button>
                    </td>
                    <td>
                      <JobStateBadge state={j.state} />
                    </td>
                    <td className="mono">{j.trace_id ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="debug-json">
          <h3 id="debug-json">Raw job JSON {job && <code>{job.job_id}</code>}</h3>
          {job ? <pre className="json" tabIndex={0}>{JSON.stringify(job, null, 2)}</pre> : <Empty title="Select a job to see its status document." />}
        </section>
        <section aria-labelledby="debug-requests">
          <h3 id="debug-requests">Recent API requests</h3>
          {requests.length === 0 ? (
            <Empty title="No requests yet." />
          ) : (
            <ul className="plain requests mono small">
              {requests.map((r, i) => (
                <li key={i}>
                  <span className={r.status && r.status < 400 ? '' : 'count-del'}>{r.status ?? 'ERR'}</span> {r.method} {r.path} · {Math.round(r.ms)} ms
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Drawer>
  );
}
