package dev.tiersync.workflows.sync;

import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.lock.LockHolder;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One sync job: lock the destination artifacts, fetch, merge, and (unless a dry run) apply. The
 * workflow id is the job id. Cancel the workflow to cancel the job; locks are released and each
 * artifact keeps its old or its new version.
 */
@WorkflowInterface
public interface SyncWorkflow extends LockHolder {
  /** Runs the job and returns its final state (also published to the job store). */
  @WorkflowMethod
  JobSnapshot run(JobRequest request);

  /** The job's live state: phase, pct, per-artifact results, conflicts, log excerpt. */
  @QueryMethod
  JobSnapshot progress();
}
