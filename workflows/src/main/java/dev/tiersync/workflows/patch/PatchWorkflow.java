package dev.tiersync.workflows.patch;

import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A patch job: export the project's versions of some artifacts as a bundle for their upstream.
 * Reads tiers only, so it takes no artifact locks. The result carries the bundle's download URL,
 * sha256 and size, the trial-apply outcome and, for github.com upstreams, a compare link. For a
 * project on a host ({@code host:path}) the host's agent reads the project and the server builds
 * the bundle from the versions it uploaded (docs/agents.md); an offline host makes the job wait,
 * then fail, as a sync does.
 */
@WorkflowInterface
public interface PatchWorkflow {
  @WorkflowMethod
  JobSnapshot run(JobRequest request);

  @QueryMethod
  JobSnapshot progress();
}
