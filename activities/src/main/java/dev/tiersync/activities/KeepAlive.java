package dev.tiersync.activities;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats on a fixed cadence while an activity's work runs on the calling thread, for work that
 * has no progress points of its own (a resolve's write, a patch bundle's build). The jobs give
 * their long activities a 30 s heartbeat timeout, so without this a resolve or export running
 * longer than that would time out, and a worker that died during one would only be noticed at the
 * start-to-close limit.
 */
public final class KeepAlive {
  static final Duration EVERY = Duration.ofSeconds(5);

  private KeepAlive() {}

  /** Runs {@code work}, heartbeating {@code detail} every {@link #EVERY}. */
  public static <T> T during(String detail, Callable<T> work) throws Exception {
    return during(detail, EVERY, work);
  }

  static <T> T during(String detail, Duration every, Callable<T> work) throws Exception {
    ActivityExecutionContext ctx = current();
    if (ctx == null) {
      return work.call();
    }
    ScheduledExecutorService beats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tiersync-keepalive");
              t.setDaemon(true);
              return t;
            });
    beats.scheduleAtFixedRate(
        () -> {
          try {
            ctx.heartbeat(detail);
          } catch (ActivityCompletionException e) {
            // The job moved on (a canceled job abandons its activities); the work finishes on
            // its own and its result is dropped.
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    try {
      return work.call();
    } finally {
      beats.shutdownNow();
    }
  }

  /** The running activity's context; null when called directly (tests, tools). */
  private static ActivityExecutionContext current() {
    try {
      return Activity.getExecutionContext();
    } catch (IllegalStateException | NullPointerException e) {
      return null;
    }
  }
}
