package dev.tiersync.workflows.sync;

import dev.tiersync.workflows.jobs.ArtifactPlan;
import dev.tiersync.workflows.jobs.ArtifactResult;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.jobs.JobWorkflowSupport;
import dev.tiersync.workflows.jobs.Outcome;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** See {@link SyncWorkflow}. Deterministic: all IO happens in activities. */
public class SyncWorkflowImpl extends JobWorkflowSupport implements SyncWorkflow {
  private final FetchActivities fetch =
      Workflow.newActivityStub(FetchActivities.class, longRunning(Duration.ofMinutes(30)));
  private final MergeActivities merge =
      Workflow.newActivityStub(MergeActivities.class, longRunning(Duration.ofMinutes(30)));
  /**
   * An apply runs to its end even when the job is canceled meanwhile ({@link #uninterrupted}): the
   * job then reports {@code canceled} only once nothing is being written, the artifact is whole
   * (old or new), and the apply's result stays in the canceled job's artifacts.
   */
  private final ApplyActivities apply =
      Workflow.newActivityStub(ApplyActivities.class, longRunning(Duration.ofMinutes(10)));

  @Override
  public JobSnapshot run(JobRequest request) {
    begin(
        "job "
            + Workflow.getInfo().getWorkflowId()
            + ": "
            + lower(request.direction())
            + (request.dryRun() ? " (dry run)" : "")
            + ", strategy "
            + lower(request.strategy()));
    List<String> held = new ArrayList<>();
    return runGuarded(held, () -> {
      boolean resumed = !request.dryRun() && !request.plans().isEmpty();
      List<String> ids =
          request.artifactIds().isEmpty() ? fetch.resolveArtifacts(request) : request.artifactIds();
      JobRequest req = request.withArtifactIds(ids);
      if (!req.dryRun()) {
        acquireLocks(req, held);
      }
      if (resumed) {
        // Started again after a restart: apply the plan the first run recorded. Applying is
        // idempotent, and an artifact the first run already wrote keeps its planned outcome.
        log("resuming from the plan recorded before the restart");
        plans = new ArrayList<>(request.plans());
      } else {
        transition(JobState.RUNNING, "fetch", 5);
        FetchResult fetched = fetch.fetch(new FetchInput(req, request.artifactIds().isEmpty()));
        transition(JobState.RUNNING, "merge", 35);
        plans = new ArrayList<>(merge.merge(new MergeInput(req, fetched.artifacts())).plans());
      }
      for (ArtifactPlan p : plans) {
        conflicts.addAll(p.conflicts());
      }
      if (req.dryRun()) {
        for (ArtifactPlan p : plans) {
          results.add(predicted(p));
        }
        log("dry run: " + summary() + "; nothing written");
        finish(results.stream().anyMatch(r -> r.outcome() == Outcome.ERROR) ? JobState.ERROR : JobState.SUCCESS);
      } else {
        transition(JobState.RUNNING, "apply", 50);
        applyAll(req);
        finish(stateFromResults());
      }
    });
  }

  private void applyAll(JobRequest req) {
    int n = plans.size();
    for (int i = 0; i < n; i++) {
      ArtifactPlan p = plans.get(i);
      ArtifactResult r;
      if (p.failed()) {
        // An artifact whose tier-file entry breaks a rule: reported, never applied.
        r = new ArtifactResult(p.artifactId(), Outcome.ERROR, p.reason(), 0, 0, 0, null, null);
      } else {
        try {
          ApplyInput input = new ApplyInput(req, p);
          r = uninterrupted(() -> apply.apply(input));
        } catch (ActivityFailure e) {
          rethrowIfCanceled(e);
          r =
              new ArtifactResult(
                  p.artifactId(), Outcome.ERROR, rootMessage(e) + attempts(e), 0, 0, 0,
                  p.destinationHash(), p.destinationHash());
        }
      }
      results.add(r);
      log(p.artifactId() + ": " + lower(r.outcome()) + (r.reason() == null ? "" : " (" + r.reason() + ")"));
      pct = 50 + (50 * (i + 1)) / Math.max(1, n);
      // A cancel that arrived while this apply ran (it is waited for, and may complete) ends the
      // job here, canceled, with this artifact's result recorded.
      stopIfCanceled();
      publish();
    }
  }

  private static ArtifactResult predicted(ArtifactPlan p) {
    Outcome o =
        switch (p.action()) {
          case "create" -> Outcome.CREATED;
          case "update" -> Outcome.UPDATED;
          case "merge" -> Outcome.MERGED;
          case "conflict" -> Outcome.CONFLICT;
          case "none" -> Outcome.UNCHANGED;
          case ArtifactPlan.ERROR -> Outcome.ERROR;
          default -> Outcome.SKIPPED;
        };
    String reason = p.reason() != null ? p.reason() : "dry run: nothing written";
    return new ArtifactResult(
        p.artifactId(), o, reason, p.filesAdded().size(), p.filesRemoved().size(),
        p.filesModified().size(), p.destinationHash(), p.mergedHash());
  }

  private String summary() {
    int writes = 0;
    for (ArtifactPlan p : plans) {
      if (!p.skipped() && !p.failed() && !"none".equals(p.action())) {
        writes++;
      }
    }
    return plans.size() + " artifact(s), " + writes + " to write, " + conflicts.size() + " conflicting file(s)";
  }

  @Override
  public JobSnapshot progress() {
    return snapshot();
  }
}
