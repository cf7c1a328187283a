package dev.tiersync.workflows.patch;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Builds patch bundles (project → upstream). tiersync never writes to an upstream. */
@ActivityInterface
public interface PatchActivities {
  /**
   * Builds the bundle of the request's artifacts: a Git-style patch per artifact (by the request's
   * {@code patchBase}: the project's changes since its merge base rebased on the upstream head, or
   * the project against its upstream base commit), the changed files, and a manifest with a trial
   * apply against the current upstream head. Idempotent, keyed on the job id: the bundle is written to a temp file and
   * renamed to {@code <data dir>/patches/<job id>.<format>}, so a retry replaces it whole.
   *
   * @throws io.temporal.failure.ApplicationFailure {@code TransientIo} when the upstream cannot be
   *     read (retried once), {@code Validation} for an artifact without upstream or project copy
   *     (not retried)
   */
  @ActivityMethod
  PatchOutput build(PatchInput input);

  /**
   * {@link #build} for a project on another host ({@code host:path}, docs/agents.md): the
   * project's versions are the ones its agent read and uploaded to the server's history store
   * ({@link dev.tiersync.workflows.host.HostProjectActivities#read}), and the merge base of a
   * {@code local_changes} patch is found from the tracking records the agent read with them and
   * the lineage the server keeps for that {@code host:path}. Same bundle, same file, same
   * idempotency as {@link #build}.
   *
   * @throws io.temporal.failure.ApplicationFailure {@code TransientIo} when the upstream cannot be
   *     read (retried once), {@code Validation} for an artifact without upstream or project copy,
   *     or whose project records the agent could not read (not retried)
   */
  @ActivityMethod
  PatchOutput buildHosted(HostedPatchInput input);
}
