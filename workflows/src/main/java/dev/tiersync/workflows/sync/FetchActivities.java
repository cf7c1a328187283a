package dev.tiersync.workflows.sync;

import dev.tiersync.workflows.jobs.JobRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Reads the tiers a job needs. */
@ActivityInterface
public interface FetchActivities {
  /**
   * The artifact ids a request covers: its own list, validated, or every artifact of the
   * collection when the list is empty. Read-only, so naturally idempotent.
   *
   * @throws io.temporal.failure.ApplicationFailure of type {@code Validation} for an unknown
   *     collection, a project outside the allowed roots, or a malformed id (not retried)
   */
  @ActivityMethod
  List<String> resolveArtifacts(JobRequest request);

  /**
   * Materialises each artifact's source, destination and base versions into the history store
   * (cloning or fetching the upstream with JGit when the direction needs it) and returns their
   * hashes. Idempotent: the store is content-addressed, so a retry stores nothing twice.
   * Heartbeats once per artifact and during long fetches.
   *
   * @throws io.temporal.failure.ApplicationFailure {@code TransientIo} when the upstream cannot be
   *     reached (retried once), {@code Validation} or {@code NotFound} for bad input (not retried)
   */
  @ActivityMethod
  FetchResult fetch(FetchInput input);
}
