package dev.tiersync.workflows.watch;

import dev.tiersync.workflows.jobs.JobCalls;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * See {@link WatchWorkflow}. Deterministic: every read, write and request is an activity; the pass
 * id comes from the workflow's deterministic random.
 *
 * <p>A pass that fails (an activity error after its retries) is recorded in the status and the
 * watch waits for the next one: the watch itself never fails on account of one bad pass.
 */
public class WatchWorkflowImpl implements WatchWorkflow {
  /** Passes per run before it continues as new (each pass adds about 15 history events). */
  static final int PASSES_PER_RUN = 100;

  /** The wait after a pass that failed before the interval was known. */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

  private final WatchActivities watch =
      Workflow.newActivityStub(
          WatchActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(30))
              // A pass heartbeats while it runs: a worker that died mid-pass is noticed in 30 s
              // (not at the 30-minute limit), and a live one is never retried over.
              .setHeartbeatTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setMaximumAttempts(3)
                      .setInitialInterval(Duration.ofSeconds(2))
                      .build())
              .build());

  private boolean passRequested;
  private long passes;
  private String lastPassId;
  private int lastTransitions;
  private String lastError;

  @Override
  public void run(WatchInput input) {
    passes = input.passes();
    for (int run = 0; run < PASSES_PER_RUN; run++) {
      passRequested = false;
      Duration wait = pass(input.collection());
      if (wait == null) {
        return;
      }
      Workflow.await(wait, () -> passRequested);
    }
    Workflow.continueAsNew(new WatchInput(input.collection(), passes));
  }

  /** One pass; the wait until the next, or null when the watch ends. */
  private Duration pass(String collection) {
    String passId = Workflow.randomUUID().toString();
    try {
      WatchPass pass = watch.pass(collection, passId);
      if (pass.gone() || pass.intervalSeconds() <= 0) {
        return null;
      }
      String jobId =
          pass.autoUpdate().isEmpty()
              ? null
              : watch.startAutoUpdate(collection, passId, pass.autoUpdate());
      List<String> deliveries = watch.publish(collection, passId, jobId);
      for (String delivery : deliveries) {
        startDelivery(delivery);
      }
      passes++;
      lastPassId = passId;
      lastTransitions = pass.transitions();
      lastError = null;
      return Duration.ofSeconds(pass.intervalSeconds());
    } catch (ActivityFailure e) {
      lastError = JobCalls.rootMessage(e);
      return RETRY_AFTER_FAILURE;
    }
  }

  /**
   * Starts the delivery as a child that outlives this run (abandoned on close), and waits only
   * until it has started.
   */
  private static void startDelivery(String deliveryId) {
    WebhookWorkflow child =
        Workflow.newChildWorkflowStub(
            WebhookWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(WebhookWorkflow.workflowId(deliveryId))
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    Async.procedure(child::deliver, deliveryId);
    Workflow.getWorkflowExecution(child).get();
  }

  @Override
  public void passNow() {
    passRequested = true;
  }

  @Override
  public WatchStatus status() {
    return new WatchStatus(passes, lastPassId, lastTransitions, lastError);
  }
}
