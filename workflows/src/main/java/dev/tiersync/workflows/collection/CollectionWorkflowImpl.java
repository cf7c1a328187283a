package dev.tiersync.workflows.collection;

import static dev.tiersync.workflows.jobs.JobCalls.longRunning;
import static dev.tiersync.workflows.jobs.JobCalls.lower;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.ProjectAddress;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.model.Tier;
import dev.tiersync.workflows.host.HostCalls;
import dev.tiersync.workflows.host.HostProjectActivities;
import dev.tiersync.workflows.jobs.JobLocks;
import dev.tiersync.workflows.jobs.JobProgress;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.jobs.PlanApplier;
import dev.tiersync.workflows.lock.LockQueued;
import dev.tiersync.workflows.sync.ApplyInput;
import dev.tiersync.workflows.sync.HostedFetchInput;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** See {@link CollectionWorkflow}. Deterministic: all IO happens in activities. */
public class CollectionWorkflowImpl implements CollectionWorkflow {
  private final JobProgress progress = new JobProgress();
  private final JobLocks locks = new JobLocks(progress);
  /** Planning an add or a pin fetches upstreams, which may take a while on a large repository. */
  private final CollectionActivities planner =
      Workflow.newActivityStub(CollectionActivities.class, longRunning(Duration.ofMinutes(30)));
  /** An apply runs to its end even when the job is canceled meanwhile, as a sync's does. */
  private final CollectionActivities applier =
      Workflow.newActivityStub(CollectionActivities.class, longRunning(Duration.ofMinutes(10)));
  /** The agent of the project's host, for an undeploy from a project on a host. */
  private final HostCalls hosts = new HostCalls(progress);

  @Override
  public JobSnapshot run(JobRequest request) {
    progress.begin(
        "job " + Workflow.getInfo().getWorkflowId() + ": " + lower(request.kind()) + " in "
            + (request.destination() == Tier.PROJECT
                ? request.projectPath()
                : "collection " + request.collection())
            + (request.dryRun() ? " (dry run)" : ""));
    return progress.run(locks, () -> {
      List<ArtifactPlan> plans;
      if (!request.dryRun() && !request.plans().isEmpty()) {
        // Started again after a restart: apply the plans the first run recorded (a new plan
        // would see the first run's writes, e.g. refuse an add whose entry it already wrote).
        progress.log("resuming from the plan recorded before the restart");
        plans = request.plans();
      } else {
        progress.transition(JobState.RUNNING, "plan", 5);
        plans = plan(request);
      }
      progress.plans(plans);
      for (ArtifactPlan p : plans) {
        progress.addConflicts(p.conflicts());
      }
      if (request.dryRun()) {
        for (ArtifactPlan p : plans) {
          progress.addResult(ArtifactResult.predicted(p));
        }
        progress.log("dry run: " + plans.size() + " plan(s); nothing written");
        progress.finish(
            plans.stream().anyMatch(ArtifactPlan::failed) ? JobState.ERROR : JobState.SUCCESS);
        return;
      }
      List<String> toLock = new ArrayList<>();
      for (ArtifactPlan p : plans) {
        if (!p.failed() && request.destination() != null) {
          toLock.add(p.artifactId());
        }
      }
      if (!toLock.isEmpty()) {
        locks.acquire(request.withArtifactIds(toLock));
      }
      progress.transition(JobState.RUNNING, "apply", 50);
      PlanApplier.applyAll(progress, plans, p -> apply(new ApplyInput(request, p)));
      progress.finish(progress.stateFromResults());
    });
  }

  /** Plans the change; an undeploy from a project on a host from what its agent read there. */
  private List<ArtifactPlan> plan(JobRequest request) {
    String host = ProjectAddress.hostOf(request.projectPath());
    if (host == null) {
      return planner.plan(request);
    }
    List<ProjectSide> sides = hosts.call(host, HostProjectActivities.class, h -> h.read(request));
    return planner.planHostedUndeploy(new HostedFetchInput(request, false, sides));
  }

  /** Applies one plan where it writes: an undeploy from a project on a host, on that host. */
  private ArtifactResult apply(ApplyInput input) {
    String host = ProjectAddress.hostOf(input.request().projectPath());
    if (host == null) {
      return applier.apply(input);
    }
    return hosts.call(host, HostProjectActivities.class, h -> h.undeploy(input));
  }

  @Override
  public JobSnapshot progress() {
    return progress.snapshot();
  }

  @Override
  public void lockGranted(String lockId) {
    locks.lockGranted(lockId);
  }

  @Override
  public void lockQueued(LockQueued queued) {
    locks.lockQueued(queued);
  }
}
