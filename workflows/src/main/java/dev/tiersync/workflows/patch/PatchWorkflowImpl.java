package dev.tiersync.workflows.patch;

import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.jobs.JobWorkflowSupport;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;

/** See {@link PatchWorkflow}. */
public class PatchWorkflowImpl extends JobWorkflowSupport implements PatchWorkflow {
  private final PatchActivities activities =
      Workflow.newActivityStub(PatchActivities.class, longRunning(Duration.ofMinutes(30)));

  @Override
  public JobSnapshot run(JobRequest request) {
    begin(
        "job " + Workflow.getInfo().getWorkflowId() + ": patch export of "
            + request.artifactIds().size() + " artifact(s) as " + request.format());
    return runGuarded(new ArrayList<>(), () -> {
      transition(JobState.RUNNING, "export", 10);
      PatchOutput out = activities.build(new PatchInput(request));
      results.addAll(out.artifacts());
      result.putAll(out.result());
      out.log().forEach(this::log);
      finish(stateFromResults());
    });
  }

  @Override
  public JobSnapshot progress() {
    return snapshot();
  }
}
