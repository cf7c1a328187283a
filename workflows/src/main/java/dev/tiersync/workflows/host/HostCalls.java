package dev.tiersync.workflows.host;

import static dev.tiersync.workflows.jobs.JobCalls.longRunning;

import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.jobs.JobCalls;
import dev.tiersync.workflows.jobs.JobFailed;
import dev.tiersync.workflows.jobs.JobProgress;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How a job calls the agent of a project's host (docs/agents.md): activity stubs on the host's
 * own task queue, a short probe before the first call to a host, and a bounded wait for it.
 * Deterministic: the wait comes from the workflow's memo ({@link JobCalls#HOST_WAIT_MEMO}).
 *
 * <p>When the probe is not picked up, the job says it waits for the host ({@code
 * waiting_reason}) and waits up to the host wait; when the host never picks the work up, the job
 * ends in {@code error} naming the host ({@link JobFailed}; a ScheduleToStart timeout, which
 * Temporal never retries), and its locks are released by {@link JobProgress#run}.
 */
public final class HostCalls {
  /** Without a memo (tests, jobs started before the setting existed). */
  static final Duration DEFAULT_HOST_WAIT = Duration.ofMinutes(10);
  /** How long the probe of a host waits to be picked up before the job says it is waiting. */
  static final Duration PROBE = Duration.ofSeconds(5);

  private final JobProgress progress;
  private final Map<String, Object> stubs = new HashMap<>();
  private final Set<String> probed = new HashSet<>();

  public HostCalls(JobProgress progress) {
    this.progress = progress;
  }

  /**
   * Calls {@code activities} of the agent of {@code host}. A call nobody picks up within the host
   * wait ends the job with that reason; any other failure is the caller's, as for the server's
   * activities.
   *
   * @param activities an activity interface the agent registers ({@link HostProjectActivities})
   */
  public <A, T> T call(String host, Class<A> activities, Functions.Func1<A, T> call) {
    boolean waiting = probe(host);
    try {
      T out = call.apply(stub(host, activities));
      if (waiting) {
        progress.waited();
        progress.log("host '" + host + "' picked the job up");
        progress.publish();
      }
      return out;
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof TimeoutFailure t
          && t.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
        throw new JobFailed(
            "host '%s' did not pick the job up within %s: its agent is offline (nothing polled task queue '%s')"
                .formatted(host, human(hostWait()), TaskQueues.host(host)));
      }
      throw e;
    }
  }

  /** Asks the host once per job whether its agent is there; says the job waits when it is not. */
  private boolean probe(String host) {
    if (!probed.add(host)) {
      return false;
    }
    HostActivities probe =
        Workflow.newActivityStub(
            HostActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.host(host))
                .setScheduleToStartTimeout(PROBE)
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    try {
      probe.describe();
      return false;
    } catch (ActivityFailure e) {
      if (!(e.getCause() instanceof TimeoutFailure)) {
        throw e;
      }
      progress.waiting(
          "waiting for host '%s': its agent did not answer within %d s; the job waits up to %s for it"
              .formatted(host, PROBE.toSeconds(), human(hostWait())));
      return true;
    }
  }

  @SuppressWarnings("unchecked")
  private <A> A stub(String host, Class<A> activities) {
    return (A)
        stubs.computeIfAbsent(
            host + "/" + activities.getName(),
            k ->
                Workflow.newActivityStub(
                    activities,
                    ActivityOptions.newBuilder(longRunning(Duration.ofMinutes(30)))
                        .setTaskQueue(TaskQueues.host(host))
                        .setScheduleToStartTimeout(hostWait())
                        .build()));
  }

  private static Duration hostWait() {
    Long seconds = Workflow.getMemo(JobCalls.HOST_WAIT_MEMO, Long.class, Long.class);
    return seconds == null || seconds <= 0 ? DEFAULT_HOST_WAIT : Duration.ofSeconds(seconds);
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 ? (s / 60) + " min" : s + " s";
  }
}
