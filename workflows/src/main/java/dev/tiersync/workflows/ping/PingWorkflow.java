package dev.tiersync.workflows.ping;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A trivial workflow that answers a ping, registered on {@link
 * dev.tiersync.workflows.TaskQueues#JOBS}.
 *
 * <p>It exists so that the whole Temporal path (client, server, worker, result) can be checked end
 * to end, by the tests and by an operator, in both the embedded and the remote mode, before and
 * independently of the sync engine's workflows. It has no activities, no timers and touches
 * nothing, so it is safe to run against any cluster.
 */
@WorkflowInterface
public interface PingWorkflow {

  /**
   * Answers {@code pong: <message>}.
   *
   * <p>Idempotency: a pure function of its input; the caller picks the workflow id. Failures: none
   * of its own.
   */
  @WorkflowMethod
  Pong ping(Ping request);

  /** Input of {@link #ping}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Ping(String message) {}

  /** Output of {@link #ping}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Pong(String message) {}
}
