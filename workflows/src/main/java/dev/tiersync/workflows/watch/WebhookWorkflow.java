package dev.tiersync.workflows.watch;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One webhook delivery, retried by Temporal until it succeeds or a day has passed. A workflow of
 * its own (started by the watch and left running) so that a receiver that is down holds up
 * neither the next pass nor the other receivers.
 */
@WorkflowInterface
public interface WebhookWorkflow {

  /** The workflow id of a delivery. */
  static String workflowId(String deliveryId) {
    return "webhook:" + deliveryId;
  }

  @WorkflowMethod
  void deliver(String deliveryId);
}
