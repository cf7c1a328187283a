package dev.tiersync.workflows.jobs;

/**
 * Ends a job in {@code error} with a reason the workflow itself states (rather than an activity's
 * failure): thrown from workflow code inside {@link JobProgress#run}, which logs the reason,
 * finishes the job and releases its locks. A host that never picked the job up is one.
 */
public final class JobFailed extends RuntimeException {
  public JobFailed(String reason) {
    super(reason, null, false, false);
  }
}
