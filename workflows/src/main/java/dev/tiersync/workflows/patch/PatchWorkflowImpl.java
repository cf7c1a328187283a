package dev.tiersync.workflows.patch;

import dev.tiersync.workflows.jobs.JobCalls;
import dev.tiersync.workflows.jobs.JobProgress;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** See {@link PatchWorkflow}. */
public class PatchWorkflowImpl implements PatchWorkflow {
  private final JobProgress progress = new JobProgress();
  private final PatchActivities activities =
      Workflow.newActivityStub(PatchActivities.class, JobCalls.longRunning(Duration.ofMinutes(30)));

  @Override
  public JobSnapshot run(JobRequest request) {
    progress.begin(
        "job " + Workflow.getInfo().getWorkflowId() + ": patch export of "
            + request.artifactIds().size() + " artifact(s) as " + request.format());
    // A patch export writes no tier, so it takes no locks.
    return progress.run(null, () -> {
      progress.transition(JobState.RUNNING, "export", 10);
      PatchOutput out = activities.build(new PatchInput(request));
      out.artifacts().forEach(progress::addResult);
      progress.putResult(out.result());
      out.log().forEach(progress::log);
      progress.finish(progress.stateFromResults());
    });
  }

  @Override
  public JobSnapshot progress() {
    return progress.snapshot();
  }
}
