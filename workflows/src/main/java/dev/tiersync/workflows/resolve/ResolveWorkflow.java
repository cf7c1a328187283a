package dev.tiersync.workflows.resolve;

import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.lock.LockHolder;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A resolve job: lock the artifacts in the destination tier, resolve each with its strategy, and
 * report the files that still hold conflict markers ({@code unresolved_files}). Ends {@code
 * conflict} while any remain, {@code success} when none do.
 */
@WorkflowInterface
public interface ResolveWorkflow extends LockHolder {
  @WorkflowMethod
  JobSnapshot run(JobRequest request);

  @QueryMethod
  JobSnapshot progress();
}
