package dev.tiersync.workflows.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.workflows.TaskQueues;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The drift watch workflow on Temporal's test server (time skipping) with fake activities. */
class WatchWorkflowTest {
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final Fake fake = new Fake();

  /** Records what the workflow asked for; each pass answers what {@link #passes} says. */
  static final class Fake implements WatchActivities, WebhookActivities {
    volatile IntFunction<WatchPass> passes;
    final AtomicInteger passCount = new AtomicInteger();
    final List<String> autoUpdates = new CopyOnWriteArrayList<>();
    final List<String> published = new CopyOnWriteArrayList<>();
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final AtomicInteger deliveryFailures = new AtomicInteger();

    @Override
    public WatchPass pass(String collection, String passId) {
      return passes.apply(passCount.incrementAndGet());
    }

    @Override
    public String startAutoUpdate(String collection, String passId, List<String> artifactIds) {
      autoUpdates.add(String.join(",", artifactIds));
      return "job-" + autoUpdates.size();
    }

    @Override
    public List<String> publish(String collection, String passId, String autoUpdateJobId) {
      published.add(String.valueOf(autoUpdateJobId));
      return List.of("d-" + passId);
    }

    @Override
    public void deliver(String deliveryId) {
      if (deliveryFailures.getAndDecrement() > 0) {
        throw new IllegalStateException("receiver down");
      }
      delivered.add(deliveryId);
    }
  }

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.JOBS);
    worker.registerWorkflowImplementationTypes(WatchWorkflowImpl.class, WebhookWorkflowImpl.class);
    worker.registerActivitiesImplementations(fake);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private WatchWorkflow watch(String collection) {
    return client.newWorkflowStub(
        WatchWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(WatchWorkflow.workflowId(collection))
            .setTaskQueue(TaskQueues.JOBS)
            .build());
  }

  private static WatchPass pass(int n, List<String> autoUpdate) {
    return new WatchPass("p" + n, false, 600, 1, autoUpdate);
  }

  @Test
  void passesEveryInterval_autoUpdatesOnlyWhenAsked_deliversEachWebhook_endsWhenTheCollectionIsGone()
      throws Exception {
    fake.passes =
        n -> n == 4 ? new WatchPass("p4", true, 0, 0, List.of()) : pass(n, n == 2 ? List.of("skill:a") : List.of());
    long start = env.currentTimeMillis();

    watch("c").run(new WatchInput("c", 0));

    assertThat(fake.passCount).hasValue(4);
    assertThat(env.currentTimeMillis() - start)
        .as("three waits of the 600 s interval")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1800).toMillis());
    assertThat(fake.autoUpdates).containsExactly("skill:a");
    assertThat(fake.published).containsExactly("null", "job-1", "null");
    // Each delivery is a workflow of its own, which outlives the pass that started it.
    awaitDeliveries(3);
    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(WatchWorkflow.workflowId("c")), WatchWorkflowImpl.class);
  }

  @Test
  void aWebhookThatFails_isRetriedByItsWorkflow_withoutHoldingUpTheWatch() throws Exception {
    fake.deliveryFailures.set(3);
    fake.passes = n -> n == 3 ? new WatchPass("p3", true, 0, 0, List.of()) : pass(n, List.of());

    watch("c").run(new WatchInput("c", 0));

    assertThat(fake.passCount).hasValue(3);
    awaitDeliveries(2);
    assertThat(fake.deliveryFailures.get()).isNegative();
  }

  @Test
  void aFailedPass_isRecorded_andTheWatchGoesOn() {
    fake.passes =
        n -> {
          if (n == 1) {
            throw ApplicationFailure.newNonRetryableFailure("collection.toml broken", "InvalidTierFile");
          }
          return new WatchPass("p" + n, true, 0, 0, List.of());
        };
    WatchWorkflow watch = watch("c");
    long start = env.currentTimeMillis();

    watch.run(new WatchInput("c", 0));

    assertThat(fake.passCount).hasValue(2);
    assertThat(fake.published).isEmpty();
    assertThat(env.currentTimeMillis() - start)
        .isGreaterThanOrEqualTo(WatchWorkflowImpl.RETRY_AFTER_FAILURE.toMillis());
    assertThat(watch.status().lastError()).contains("collection.toml broken");
  }

  @Test
  void afterItsPassesPerRun_theWatchContinuesAsNew_countingOn() {
    int total = WatchWorkflowImpl.PASSES_PER_RUN + 3;
    fake.passes = n -> n == total ? new WatchPass("end", true, 0, 0, List.of()) : pass(n, List.of());
    WatchWorkflow watch = watch("c");
    WorkflowClient.start(watch::run, new WatchInput("c", 0));
    String firstRun = WorkflowStub.fromTyped(watch).getExecution().getRunId();

    client.newUntypedWorkflowStub(WatchWorkflow.workflowId("c")).getResult(Void.class);

    assertThat(fake.passCount).hasValue(total);
    var latest =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(env.getNamespace())
                    .setExecution(
                        io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                            .setWorkflowId(WatchWorkflow.workflowId("c")))
                    .build())
            .getWorkflowExecutionInfo();
    assertThat(latest.getExecution().getRunId()).isNotEqualTo(firstRun);
    assertThat(latest.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  private void awaitDeliveries(int n) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 200 && fake.delivered.size() < n; i++) {
      env.sleep(Duration.ofSeconds(30));
      Thread.sleep(10);
    }
    seen.addAll(fake.delivered);
    assertThat(seen).hasSize(n).allMatch(id -> id.startsWith("d-"));
  }
}
