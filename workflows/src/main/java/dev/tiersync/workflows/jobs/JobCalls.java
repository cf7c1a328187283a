package dev.tiersync.workflows.jobs;

import dev.tiersync.workflows.ErrorTypes;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How job workflows call activities and read their failures: the retry policy, the options of a
 * long activity, the detached call of a write, and how a cancellation hides behind an activity
 * failure. Stateless; deterministic like all workflow code.
 */
public final class JobCalls {
  /** Transient IO gets exactly one retry; validation failures none. */
  public static final RetryOptions ONE_RETRY =
      RetryOptions.newBuilder()
          .setMaximumAttempts(2)
          .setInitialInterval(Duration.ofMillis(500))
          .setDoNotRetry(ErrorTypes.NON_RETRYABLE)
          .build();

  /**
   * The memo entry the job launcher sets on every job: how long a job waits for a host's agent to
   * pick its work up ({@code TIERSYNC_HOST_WAIT}), in seconds.
   */
  public static final String HOST_WAIT_MEMO = "tiersync_host_wait_seconds";

  private JobCalls() {}

  /**
   * Options for a long activity that heartbeats. A canceled job abandons it ({@link
   * ActivityCancellationType#ABANDON}): the job ends at once and the activity's result, if it
   * still comes, is ignored. That suits the read-only activities (fetch, merge, patch export:
   * content-addressed, nothing written to a tier). Writes go through {@link #uninterrupted}.
   *
   * <p>Why no job ever asks Temporal to cancel an activity: Temporal's Java test server, which runs
   * the embedded mode, rejects the completion of a workflow task that cancels an activity which
   * completed in that same task ("ACTIVITY_UNKNOWN", temporalio/sdk-java#2391), and the workflow
   * then never moves again, holding its locks. A cancel racing the end of an activity is common
   * under load (the soak benchmark met it within seconds), so the workflows never send that
   * command: reads are abandoned, writes and lock requests run in a detached scope.
   */
  public static ActivityOptions longRunning(Duration startToClose) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(Duration.ofSeconds(30))
        .setRetryOptions(ONE_RETRY)
        .setCancellationType(ActivityCancellationType.ABANDON)
        .build();
  }

  /**
   * Runs an activity call that must not be interrupted by a cancel of the job (a write, a lock
   * request) in a detached cancellation scope, so that no cancel request is sent for it. The job
   * notices its cancel afterwards ({@link #stopIfCanceled}, or the next await).
   */
  public static <T> T uninterrupted(Functions.Func<T> call) {
    List<T> out = new ArrayList<>(1);
    Workflow.newDetachedCancellationScope(() -> out.add(call.apply())).run();
    return out.get(0);
  }

  /**
   * Ends the job here if it was asked to cancel: called between artifacts, after the result of
   * the artifact just written was recorded, so that the job reports {@code canceled} with that
   * result rather than going on (or reporting {@code success} for a job the user canceled).
   */
  public static void stopIfCanceled() {
    if (CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure("job canceled");
    }
  }

  /**
   * An activity interrupted by the job's cancellation fails with the cancellation as its cause;
   * that is a cancel, not an error of the artifact, so it is rethrown as one.
   */
  public static void rethrowIfCanceled(ActivityFailure e) {
    CanceledFailure canceled = cancellation(e);
    if (canceled != null) {
      throw canceled;
    }
  }

  /** The cancellation behind an activity failure, or null when the job was not canceled. */
  static CanceledFailure cancellation(ActivityFailure e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure c) {
        return c;
      }
    }
    if (CancellationScope.current().isCancelRequested()) {
      return new CanceledFailure("job canceled");
    }
    return null;
  }

  /** How the retry policy ended, for the log: one retry for transient IO, none for bad input. */
  public static String attempts(ActivityFailure e) {
    return switch (e.getRetryState()) {
      case RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED ->
          " (after " + ONE_RETRY.getMaximumAttempts() + " attempts)";
      case RETRY_STATE_NON_RETRYABLE_FAILURE -> " (not retried)";
      default -> "";
    };
  }

  /** The message of the failure at the bottom of a chain (an activity's own exception). */
  public static String rootMessage(TemporalFailure e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ApplicationFailure af) {
      return af.getOriginalMessage();
    }
    return t.getMessage();
  }

  /** An enum's name as the API and the log spell it. */
  public static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
