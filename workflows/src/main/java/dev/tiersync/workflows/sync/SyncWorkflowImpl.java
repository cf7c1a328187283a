package dev.tiersync.workflows.sync;

import static dev.tiersync.workflows.jobs.JobCalls.attempts;
import static dev.tiersync.workflows.jobs.JobCalls.longRunning;
import static dev.tiersync.workflows.jobs.JobCalls.lower;
import static dev.tiersync.workflows.jobs.JobCalls.rethrowIfCanceled;
import static dev.tiersync.workflows.jobs.JobCalls.rootMessage;
import static dev.tiersync.workflows.jobs.JobCalls.stopIfCanceled;
import static dev.tiersync.workflows.jobs.JobCalls.uninterrupted;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.workflows.jobs.JobLocks;
import dev.tiersync.workflows.jobs.JobProgress;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.lock.LockQueued;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/** See {@link SyncWorkflow}. Deterministic: all IO happens in activities. */
public class SyncWorkflowImpl implements SyncWorkflow {
  private final JobProgress progress = new JobProgress();
  private final JobLocks locks = new JobLocks(progress);
  private final FetchActivities fetch =
      Workflow.newActivityStub(FetchActivities.class, longRunning(Duration.ofMinutes(30)));
  private final MergeActivities merge =
      Workflow.newActivityStub(MergeActivities.class, longRunning(Duration.ofMinutes(30)));
  /**
   * An apply runs to its end even when the job is canceled meanwhile ({@link
   * JobCalls#uninterrupted}): the job then reports {@code canceled} only once nothing is being
   * written, the artifact is whole (old or new), and the apply's result stays in the canceled
   * job's artifacts.
   */
  private final ApplyActivities apply =
      Workflow.newActivityStub(ApplyActivities.class, longRunning(Duration.ofMinutes(10)));

  @Override
  public JobSnapshot run(JobRequest request) {
    progress.begin(
        "job "
            + Workflow.getInfo().getWorkflowId()
            + ": "
            + lower(request.direction())
            + (request.dryRun() ? " (dry run)" : "")
            + ", strategy "
            + lower(request.strategy()));
    return progress.run(locks, () -> {
      boolean resumed = !request.dryRun() && !request.plans().isEmpty();
      List<String> ids =
          request.artifactIds().isEmpty() ? fetch.resolveArtifacts(request) : request.artifactIds();
      JobRequest req = request.withArtifactIds(ids);
      if (!req.dryRun()) {
        locks.acquire(req);
      }
      if (resumed) {
        // Started again after a restart: apply the plan the first run recorded. Applying is
        // idempotent, and an artifact the first run already wrote keeps its planned outcome.
        progress.log("resuming from the plan recorded before the restart");
        progress.plans(request.plans());
      } else {
        progress.transition(JobState.RUNNING, "fetch", 5);
        FetchResult fetched = fetch.fetch(new FetchInput(req, request.artifactIds().isEmpty()));
        progress.transition(JobState.RUNNING, "merge", 35);
        progress.plans(merge.merge(new MergeInput(req, fetched.artifacts())).plans());
      }
      for (ArtifactPlan p : progress.plans()) {
        progress.addConflicts(p.conflicts());
      }
      if (req.dryRun()) {
        for (ArtifactPlan p : progress.plans()) {
          progress.addResult(predicted(p));
        }
        progress.log("dry run: " + summary() + "; nothing written");
        progress.finish(
            progress.results().stream().anyMatch(r -> r.outcome() == Outcome.ERROR)
                ? JobState.ERROR
                : JobState.SUCCESS);
      } else {
        progress.transition(JobState.RUNNING, "apply", 50);
        applyAll(req);
        progress.finish(progress.stateFromResults());
      }
    });
  }

  private void applyAll(JobRequest req) {
    List<ArtifactPlan> plans = progress.plans();
    int n = plans.size();
    for (int i = 0; i < n; i++) {
      ArtifactPlan p = plans.get(i);
      ArtifactResult r;
      if (p.failed()) {
        // An artifact whose tier-file entry breaks a rule: reported, never applied.
        r = ArtifactResult.error(p.artifactId(), p.reason(), null);
      } else {
        try {
          ApplyInput input = new ApplyInput(req, p);
          r = uninterrupted(() -> apply.apply(input));
        } catch (ActivityFailure e) {
          rethrowIfCanceled(e);
          r = ArtifactResult.error(p.artifactId(), rootMessage(e) + attempts(e), p.destinationHash());
        }
      }
      progress.addResult(r);
      progress.log(
          p.artifactId() + ": " + lower(r.outcome())
              + (r.reason() == null ? "" : " (" + r.reason() + ")"));
      progress.percent(50 + (50 * (i + 1)) / Math.max(1, n));
      // A cancel that arrived while this apply ran (it is waited for, and may complete) ends the
      // job here, canceled, with this artifact's result recorded.
      stopIfCanceled();
      progress.publish();
    }
  }
  private static ArtifactResult predicted(ArtifactPlan p) {
    Outcome o = p.action().outcome();
    String reason = p.reason() != null ? p.reason() : "dry run: nothing written";
    return new ArtifactResult(
        p.artifactId(), o, reason, p.filesAdded().size(), p.filesRemoved().size(),
        p.filesModified().size(), p.destinationHash(), p.mergedHash());
  }

  private String summary() {
    int writes = 0;
    for (ArtifactPlan p : progress.plans()) {
      if (p.writes()) {
        writes++;
      }
    }
    return progress.plans().size() + " artifact(s), " + writes + " to write, "
        + progress.conflictCount() + " conflicting file(s)";
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
