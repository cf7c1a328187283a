package dev.tiersync.workflows.resolve;

import static dev.tiersync.workflows.jobs.JobCalls.attempts;
import static dev.tiersync.workflows.jobs.JobCalls.longRunning;
import static dev.tiersync.workflows.jobs.JobCalls.lower;
import static dev.tiersync.workflows.jobs.JobCalls.rethrowIfCanceled;
import static dev.tiersync.workflows.jobs.JobCalls.rootMessage;
import static dev.tiersync.workflows.jobs.JobCalls.stopIfCanceled;
import static dev.tiersync.workflows.jobs.JobCalls.uninterrupted;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.ProjectAddress;
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.workflows.host.HostCalls;
import dev.tiersync.workflows.host.HostProjectActivities;
import dev.tiersync.workflows.jobs.JobCalls;
import dev.tiersync.workflows.jobs.JobLocks;
import dev.tiersync.workflows.jobs.JobProgress;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.lock.LockQueued;
import dev.tiersync.workflows.sync.ApplyInput;
import dev.tiersync.workflows.sync.HostDeployed;
import dev.tiersync.workflows.sync.HostedSyncActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** See {@link ResolveWorkflow}. */
public class ResolveWorkflowImpl implements ResolveWorkflow {
  private final JobProgress progress = new JobProgress();
  private final JobLocks locks = new JobLocks(progress);
  /**
   * Like apply, a resolve writes the artifact: it runs to its end even when the job is canceled
   * meanwhile ({@link JobCalls#uninterrupted}), so the lock is released only once nothing is
   * being written.
   */
  private final ResolveActivities activities =
      Workflow.newActivityStub(ResolveActivities.class, longRunning(Duration.ofMinutes(10)));
  /** The agent of the project's host, for a project on a host. */
  private final HostCalls hosts = new HostCalls(progress);
  private HostedSyncActivities hostedStub;

  @Override
  public JobSnapshot run(JobRequest request) {
    progress.begin(
        "job " + Workflow.getInfo().getWorkflowId() + ": resolve " + lower(request.direction())
            + (request.sourceJobId() == null ? "" : " conflicts of " + request.sourceJobId()));
    // Only the artifacts the request names are locked below, so only their plans may be acted on,
    // even when the caller passed every conflicted plan of the source job.
    List<ArtifactPlan> plans = new ArrayList<>();
    for (ArtifactPlan p : request.plans()) {
      if (request.artifactIds().contains(p.artifactId())) {
        plans.add(p);
      } else {
        progress.log(p.artifactId() + ": not named by the request; left alone");
      }
    }
    progress.plans(plans);
    return progress.run(locks, () -> {
      locks.acquire(request);
      progress.transition(JobState.RUNNING, "resolve", 10);
      int n = plans.size();
      for (int i = 0; i < n; i++) {
        ArtifactPlan p = plans.get(i);
        ArtifactResult r;
        try {
          ResolveInput input = new ResolveInput(request, p);
          ResolveResult o = uninterrupted(() -> resolve(input));
          r = o.result();
          for (String f : o.unresolvedFiles()) {
            progress.addUnresolved(p.artifactId() + "/" + f);
          }
        } catch (ActivityFailure e) {
          rethrowIfCanceled(e);
          r = ArtifactResult.error(p.artifactId(), rootMessage(e) + attempts(e), null);
        }
        progress.addResult(r);
        progress.log(p.artifactId() + " (" + lower(request.strategyFor(p.artifactId())) + "): "
            + lower(r.outcome()) + (r.reason() == null ? "" : " (" + r.reason() + ")"));
        progress.percent(10 + (90 * (i + 1)) / Math.max(1, n));
        stopIfCanceled();
        progress.publish();
      }
      progress.finish(progress.stateFromResults());
    });
  }

  /**
   * Resolves one artifact where its conflicted tier is: on the server, or in a project on a host
   * by its agent; for a project on a host, each side then records what belongs to it (the host its
   * tracking entry after a resolve in the collection, the server the collection's snapshot).
   */
  private ResolveResult resolve(ResolveInput input) {
    JobRequest request = input.request();
    String host = ProjectAddress.hostOf(request.projectPath());
    if (host == null) {
      return activities.resolve(input);
    }
    ArtifactPlan p = input.plan();
    MergeStrategy strategy = request.strategyFor(p.artifactId());
    ResolveResult o;
    if (request.direction() == Direction.COLLECTION_TO_PROJECT) {
      o = hosts.call(host, HostProjectActivities.class, h -> h.resolve(input));
    } else {
      o = activities.resolve(new ResolveInput(request.withoutProject(), p));
      if (ResolveResult.movesRecords(strategy, p, o.result())) {
        hosts.call(host, HostProjectActivities.class, h -> {
          h.recordDeployment(new ApplyInput(request, p));
          return null;
        });
      }
    }
    hosted().hostResolved(new HostDeployed(request, p, o.result()));
    return o;
  }

  private HostedSyncActivities hosted() {
    if (hostedStub == null) {
      hostedStub = Workflow.newActivityStub(HostedSyncActivities.class, longRunning(Duration.ofMinutes(10)));
    }
    return hostedStub;
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
