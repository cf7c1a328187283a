package dev.tiersync.workflows.sync;

import dev.tiersync.workflows.jobs.JobSnapshot;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Tells the app about a job's transitions; run as a local activity. */
@ActivityInterface
public interface JobEventActivities {
  /**
   * Persists the job's state to the job store and announces it to SSE subscribers. Idempotent:
   * publishing the same snapshot twice leaves the store as it was.
   */
  @ActivityMethod
  void publish(JobSnapshot snapshot);
}
