package dev.tiersync.workflows.resolve;

import dev.tiersync.engine.model.ResolveResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Settles artifacts a sync left in conflict. */
@ActivityInterface
public interface ResolveActivities {
  /**
   * Resolves one artifact with its strategy: {@code ours}/{@code theirs} overwrite the conflicted
   * files from the versions the conflicted sync stored (the destination's before the merge, or the
   * source's); {@code auto} accepts the current files when no markers remain. The version it
   * replaces is stored in the history store first. Idempotent: a second run finds nothing left to
   * resolve (or the same files still marked).
   *
   * @throws io.temporal.failure.ApplicationFailure {@code TransientIo} on an IO failure (retried
   *     once), {@code Validation} for an unknown artifact or scope (not retried)
   */
  @ActivityMethod
  ResolveResult resolve(ResolveInput input);
}
