package dev.tiersync.app.hosts;

import dev.tiersync.app.config.AgentProperties;
import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.host.HostWorkflow;
import dev.tiersync.workflows.host.HostWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Asks a host's agent for its report through a short {@link HostWorkflow}, which never waits
 * longer than {@code TIERSYNC_HOST_ANSWER_TIMEOUT} for an agent to pick a request up, so an offline
 * host answers "offline" instead of hanging the caller.
 */
@Component
class HostReports {
  /** Workflow ids of host questions start with this; each question gets a fresh id. */
  static final String WORKFLOW_ID_PREFIX = "host-report-";

  private final WorkflowClient client;
  private final int answerSeconds;

  HostReports(WorkflowClient client, AgentProperties agents) {
    this.client = client;
    this.answerSeconds = (int) agents.answerTimeout().toSeconds();
  }

  /** What the agent of {@code hostId} answered, or why it did not; never fails. */
  CompletableFuture<Answer> ask(String hostId) {
    HostWorkflow.Question question = new HostWorkflow.Question(hostId, answerSeconds);
    Duration bound = HostWorkflowImpl.longestRun(question);
    HostWorkflow workflow = client.newWorkflowStub(HostWorkflow.class, question(WORKFLOW_ID_PREFIX, hostId, bound));
    return bounded(WorkflowClient.execute(workflow::report, question), bound)
        .handle((report, failure) -> failure == null ? Answer.of(report) : Answer.unanswered(why(hostId, failure)));
  }

  /** Options of a question to {@code hostId}: a fresh id under {@code prefix}, on the jobs queue, ending within {@code bound}. */
  static WorkflowOptions question(String prefix, String hostId, Duration bound) {
    return WorkflowOptions.newBuilder()
        .setTaskQueue(TaskQueues.JOBS)
        .setWorkflowId(prefix + hostId + "-" + UUID.randomUUID())
        .setWorkflowExecutionTimeout(bound)
        .build();
  }

  /** The answer, or a timeout when the workflow (which ends within {@code bound}) was never seen to end. */
  static <T> CompletableFuture<T> bounded(CompletableFuture<T> answer, Duration bound) {
    // The workflow ends within its bound; this only guards against a server that never answers.
    return answer.orTimeout(bound.plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Why a host question's workflow gave no answer, naming the host. */
  static String why(String hostId, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof WorkflowFailedException failed
        && failed.getCause() instanceof ApplicationFailure app
        && ErrorTypes.HOST_OFFLINE.equals(app.getType())) {
      return app.getOriginalMessage();
    }
    if (cause instanceof TimeoutException) {
      return "host '%s' did not answer: Temporal did not finish the request in time".formatted(hostId);
    }
    return "host '%s' could not be asked: %s".formatted(hostId, cause.getMessage());
  }

  /**
   * One host's answer: its report, or why there is none.
   *
   * @param report what the agent answered; null when it did not
   * @param unanswered why it did not (offline, ...); null when it did
   */
  record Answer(HostWorkflow.Report report, String unanswered) {
    static Answer of(HostWorkflow.Report report) {
      return new Answer(report, null);
    }

    static Answer unanswered(String why) {
      return new Answer(null, why);
    }
  }
}
