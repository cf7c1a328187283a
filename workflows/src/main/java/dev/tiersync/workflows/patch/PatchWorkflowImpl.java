package dev.tiersync.workflows.patch;

import dev.tiersync.engine.model.ProjectAddress;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.workflows.host.HostCalls;
import dev.tiersync.workflows.host.HostProjectActivities;
import dev.tiersync.workflows.jobs.JobCalls;
import dev.tiersync.workflows.jobs.JobProgress;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/** See {@link PatchWorkflow}. */
public class PatchWorkflowImpl implements PatchWorkflow {
  private final JobProgress progress = new JobProgress();
  private final PatchActivities activities =
      Workflow.newActivityStub(PatchActivities.class, JobCalls.longRunning(Duration.ofMinutes(30)));
  private final HostCalls hosts = new HostCalls(progress);

  @Override
  public JobSnapshot run(JobRequest request) {
    progress.begin(
        "job " + Workflow.getInfo().getWorkflowId() + ": patch export of "
            + request.artifactIds().size() + " artifact(s) as " + request.format());
    // A patch export writes no tier, so it takes no locks.
    return progress.run(null, () -> {
      progress.transition(JobState.RUNNING, "export", 10);
      PatchOutput out = export(request);
      out.artifacts().forEach(progress::addResult);
      progress.putResult(out.result());
      out.log().forEach(progress::log);
      progress.finish(progress.stateFromResults());
    });
  }

  /**
   * A project on the server is read by the export itself; one on a host ({@code host:path}) is
   * read by its agent first, which hands its versions to the server's history store.
   */
  private PatchOutput export(JobRequest request) {
    String host = ProjectAddress.hostOf(request.projectPath());
    if (host == null) {
      return activities.build(new PatchInput(request));
    }
    List<ProjectSide> sides =
        hosts.call(host, HostProjectActivities.class, h -> h.read(request));
    return activities.buildHosted(new HostedPatchInput(request, sides));
  }

  @Override
  public JobSnapshot progress() {
    return progress.snapshot();
  }
}
