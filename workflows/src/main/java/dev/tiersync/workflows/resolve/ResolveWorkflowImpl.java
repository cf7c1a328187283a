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
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.workflows.jobs.JobCalls;
import dev.tiersync.workflows.jobs.JobLocks;
import dev.tiersync.workflows.jobs.JobProgress;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.lock.LockQueued;
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
          ResolveResult o = uninterrupted(() -> activities.resolve(input));
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
