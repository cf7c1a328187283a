package dev.tiersync.workflows.sync;

import dev.tiersync.engine.model.ArtifactResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Writes planned versions into tiers. */
@ActivityInterface
public interface ApplyActivities {
  /**
   * Writes one artifact's planned version into the destination atomically (staging folder +
   * rename) together with its tracking or lock entry. Idempotent, keyed on the plan's hashes: a
   * destination that already holds the planned version is not written again; one that changed
   * since the plan is left alone and reported as skipped.
   *
   * @throws io.temporal.failure.ApplicationFailure {@code TransientIo} on an IO failure (retried
   *     once; the previous version stays in place), {@code UnsafePath} for a path or link that
   *     would leave the artifact (not retried)
   */
  @ActivityMethod
  ArtifactResult apply(ApplyInput input);
}
