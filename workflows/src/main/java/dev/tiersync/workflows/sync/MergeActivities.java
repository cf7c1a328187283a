package dev.tiersync.workflows.sync;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Computes what a job will do, without writing to any tier. */
@ActivityInterface
public interface MergeActivities {
  /**
   * Plans each fetched artifact with the job's strategy: three-way merge for {@code auto}, one
   * side whole for {@code ours}/{@code theirs}. Merge results go to the history store, so the
   * output carries only hashes. Idempotent (content-addressed); heartbeats per artifact.
   *
   * @throws io.temporal.failure.ApplicationFailure {@code TransientIo} on a read failure (retried
   *     once)
   */
  @ActivityMethod
  MergeResult merge(MergeInput input);
}
