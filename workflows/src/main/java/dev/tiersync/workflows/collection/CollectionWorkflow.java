package dev.tiersync.workflows.collection;

import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.lock.LockHolder;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One job that changes what a collection or project holds: create a collection, add artifacts
 * from an upstream, pin one to a ref, remove artifacts from the collection, undeploy them from a
 * project, roll one back to an earlier version ({@link dev.tiersync.workflows.jobs.JobKind}). Like a sync: a plan first (a dry run ends
 * there), then the artifacts' locks in the tier it writes, then one apply per artifact. The
 * workflow id is the job id; a cancel releases the locks and leaves every artifact whole.
 */
@WorkflowInterface
public interface CollectionWorkflow extends LockHolder {
  @WorkflowMethod
  JobSnapshot run(JobRequest request);

  @QueryMethod
  JobSnapshot progress();
}
