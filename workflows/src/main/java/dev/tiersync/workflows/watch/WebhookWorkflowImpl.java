package dev.tiersync.workflows.watch;

import dev.tiersync.workflows.ErrorTypes;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** See {@link WebhookWorkflow}. Deterministic: the request is made by the activity. */
public class WebhookWorkflowImpl implements WebhookWorkflow {
  /** How long a delivery is retried in all. */
  static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

  private final WebhookActivities webhooks =
      Workflow.newActivityStub(
          WebhookActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(15))
              .setScheduleToCloseTimeout(GIVE_UP_AFTER)
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setBackoffCoefficient(2)
                      .setMaximumInterval(Duration.ofMinutes(5))
                      .setDoNotRetry(ErrorTypes.NON_RETRYABLE)
                      .build())
              .build());

  @Override
  public void deliver(String deliveryId) {
    webhooks.deliver(deliveryId);
  }
}
