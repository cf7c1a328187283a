package dev.tiersync.workflows.host;

import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Implementation of {@link HostWorkflow}; deterministic (activities only, no clock, no IO). */
public class HostWorkflowImpl implements HostWorkflow {

  /**
   * The longest an agent may take once it has picked a request up. Finding projects walks at most
   * a few levels of a few roots; a request still running after this is treated as unanswered.
   */
  static final Duration ANSWER_WORK = Duration.ofSeconds(30);

  /** The longest {@link #report} can run for {@code question}: two unretried requests. */
  public static Duration longestRun(Question question) {
    return Duration.ofSeconds(question.answerSeconds()).plus(ANSWER_WORK).multipliedBy(2);
  }

  @Override
  public Report report(Question question) {
    String queue = TaskQueues.host(question.hostId());
    HostActivities host =
        Workflow.newActivityStub(
            HostActivities.class, onHost(queue, question.answerSeconds(), ANSWER_WORK).build());
    try {
      HostDescription agent = host.describe();
      return new Report(agent, host.projects().projects());
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof TimeoutFailure timeout) {
        throw ApplicationFailure.newNonRetryableFailure(
            offline(question.hostId(), question.answerSeconds(), queue, timeout.getTimeoutType(), ANSWER_WORK),
            ErrorTypes.HOST_OFFLINE);
      }
      throw e;
    }
  }

  /**
   * Options of a request to a host's agent: it may wait {@code answerSeconds} to be picked up and
   * {@code work} to run, and is not retried (asking again cannot reach an agent that is not there;
   * the caller asks again later).
   */
  static ActivityOptions.Builder onHost(String queue, int answerSeconds, Duration work) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(queue)
        .setScheduleToStartTimeout(Duration.ofSeconds(answerSeconds))
        .setStartToCloseTimeout(work)
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build());
  }

  /** Why an unretried request on a host's queue timed out, naming the host and its queue. */
  static String offline(String hostId, int answerSeconds, String queue, TimeoutType type, Duration work) {
    if (type == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
      return "host '%s' is offline: no agent picked its request up from task queue '%s' within %d s"
          .formatted(hostId, queue, answerSeconds);
    }
    return "host '%s' did not answer: its agent took a request from task queue '%s' but did not finish it within %d s"
        .formatted(hostId, queue, work.toSeconds());
  }
}
