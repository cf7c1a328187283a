package dev.tiersync.workflows.watch;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** The IO of a drift watch pass; implemented in the app, next to the job store and the events. */
@ActivityInterface
public interface WatchActivities {

  /**
   * Fetches the collection's upstreams, recomputes both edges of every artifact in the collection
   * and its known projects, and keeps the transitions since the last published pass under {@code
   * passId}, unpublished. Idempotent: a retry recomputes from the same last published pass.
   */
  @ActivityMethod(name = "WatchPass")
  WatchPass pass(String collection, String passId);

  /**
   * Starts the clean-only upstream→collection sync job of these artifacts, once per pass (the pass
   * id is its idempotency key); returns its job id, or null when job creation is switched off.
   */
  @ActivityMethod(name = "WatchAutoUpdate")
  String startAutoUpdate(String collection, String passId, List<String> artifactIds);

  /**
   * Publishes the pass's transitions (SSE, audit log, metrics), writes one webhook delivery per
   * configured webhook and makes the pass the last published one. Idempotent: a retry after it
   * succeeded returns the same delivery ids and publishes nothing twice.
   *
   * @param autoUpdateJobId the job {@link #startAutoUpdate} started, or null
   * @return the ids of the webhook deliveries to make
   */
  @ActivityMethod(name = "WatchPublish")
  List<String> publish(String collection, String passId, String autoUpdateJobId);
}
