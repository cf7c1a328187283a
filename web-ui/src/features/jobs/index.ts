// The jobs feature's public surface: the app shell wires these in. Other features never import
// the jobs feature; the shell hands them what they need (live jobs, a callback to track a job
// they started) as props.
export { feedModeLabel } from './job-feed';
export { JobToasts } from './job-toasts';
export { DRIFT_RELOAD_MS, JobTrackerProvider, toastId, useJobTracker } from './job-tracker';
export { JobsButton } from './jobs-button';
export { JobsPanel } from './jobs-panel';
export { SyncDialog } from './sync-dialog';
