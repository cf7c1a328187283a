package dev.tiersync.workflows.host;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Asks one host's agent who it is and which projects it has. Runs on {@link
 * dev.tiersync.workflows.TaskQueues#JOBS} (the server); its activities run on the host's queue.
 *
 * <p>It never waits for an offline agent: each activity may wait {@link Question#answerSeconds} to
 * be picked up (its ScheduleToStart timeout) and is not retried, so the whole workflow ends within
 * a bound the caller knows ({@link HostWorkflowImpl#longestRun}).
 */
@WorkflowInterface
public interface HostWorkflow {

  /**
   * The host's report.
   *
   * <p>Idempotency: reads only; the caller picks a fresh workflow id per question. Failures: an
   * {@code ApplicationFailure} of type {@link dev.tiersync.workflows.ErrorTypes#HOST_OFFLINE}
   * naming the host and its queue when the agent did not pick a request up, or did not finish it,
   * in time.
   */
  @WorkflowMethod
  Report report(Question question);

  /**
   * Input of {@link #report}.
   *
   * @param hostId the host to ask
   * @param answerSeconds how long each request may wait for the agent to pick it up
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Question(String hostId, int answerSeconds) {}

  /**
   * Output of {@link #report}.
   *
   * @param agent what the agent says about itself
   * @param projects the projects under its roots
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Report(HostDescription agent, List<String> projects) {}
}
