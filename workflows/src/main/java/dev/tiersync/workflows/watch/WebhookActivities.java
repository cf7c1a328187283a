package dev.tiersync.workflows.watch;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Delivers one webhook request written by {@link WatchActivities#publish}. */
@ActivityInterface
public interface WebhookActivities {

  /**
   * POSTs the delivery to its URL. Succeeds on a 2xx answer (or when the delivery was already
   * made); fails retryably on no answer, a 5xx, 408 or 429, and for good on any other 4xx.
   */
  @ActivityMethod(name = "WebhookDeliver")
  void deliver(String deliveryId);
}
