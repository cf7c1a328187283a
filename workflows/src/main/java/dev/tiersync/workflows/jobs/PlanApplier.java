package dev.tiersync.workflows.jobs;

import static dev.tiersync.workflows.jobs.JobCalls.attempts;
import static dev.tiersync.workflows.jobs.JobCalls.lower;
import static dev.tiersync.workflows.jobs.JobCalls.rethrowIfCanceled;
import static dev.tiersync.workflows.jobs.JobCalls.rootMessage;
import static dev.tiersync.workflows.jobs.JobCalls.stopIfCanceled;
import static dev.tiersync.workflows.jobs.JobCalls.uninterrupted;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import io.temporal.failure.ActivityFailure;
import java.util.List;
import java.util.function.Function;

/**
 * The apply phase every writing job shares: one apply activity per planned artifact, in plan
 * order, from 50 to 100 percent. A failed plan is reported and never applied; an apply that fails
 * after its retries is that artifact's error, and the others still run. Each apply runs to its end
 * even when the job is canceled meanwhile ({@link JobCalls#uninterrupted}); the cancel then ends
 * the job after that artifact's result is recorded.
 */
public final class PlanApplier {
  private PlanApplier() {}

  /** Applies {@code plans} with {@code apply} (an activity call), recording each result. */
  public static void applyAll(
      JobProgress progress, List<ArtifactPlan> plans, Function<ArtifactPlan, ArtifactResult> apply) {
    int n = plans.size();
    for (int i = 0; i < n; i++) {
      ArtifactPlan p = plans.get(i);
      ArtifactResult r;
      if (p.failed()) {
        // An artifact whose tier-file entry breaks a rule: reported, never applied.
        r = ArtifactResult.error(p.artifactId(), p.reason(), null);
      } else {
        try {
          r = uninterrupted(() -> apply.apply(p));
        } catch (ActivityFailure e) {
          rethrowIfCanceled(e);
          r = ArtifactResult.error(p.artifactId(), rootMessage(e) + attempts(e), p.destinationHash());
        }
      }
      if (p.projectPath() != null) {
        r = r.withProjectPath(p.projectPath());
      }
      progress.addResult(r);
      progress.log(
          p.artifactId() + (p.projectPath() == null ? "" : " in " + p.projectPath()) + ": "
              + lower(r.outcome())
              + (r.reason() == null ? "" : " (" + r.reason() + ")"));
      progress.percent(50 + (50 * (i + 1)) / Math.max(1, n));
      // A cancel that arrived while this apply ran (it is waited for, and may complete) ends the
      // job here, canceled, with this artifact's result recorded.
      stopIfCanceled();
      progress.publish();
    }
  }
}
