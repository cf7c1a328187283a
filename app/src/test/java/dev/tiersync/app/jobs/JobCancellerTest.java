package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.workflows.client.WorkflowStatuses;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;

/**
 * The job workflows here have no worker, so they never act on a cancel request: a job "stops" only
 * when the test publishes its canceled state, as the workflow's last transition would.
 */
class JobCancellerTest {
  @TempDir Path dir;
  private JobServicesFixture fixture;
  private JobWorkflows workflows;
  private JobCanceller canceller;

  @BeforeEach
  void setUp() {
    fixture = new JobServicesFixture(dir);
    workflows = fixture.workflows();
    canceller = new JobCanceller(fixture.store, fixture.views, fixture.client, fixture.finisher, fixture.clock);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void cancel_unknownJob_isNotFound() {
    assertThatThrownBy(() -> canceller.cancel("job-nope"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
  }

  @Test
  void cancel_endedJob_returnsItAsItIs_andLeavesItsWorkflowAlone() {
    JobRequest request = JobServicesFixture.sync("job-1", false);
    fixture.insert(request, "success", "done", snapshot("job-1", JobState.SUCCESS, "applied"));
    workflows.start(request);

    JobView view = canceller.cancel("job-1");

    assertThat(view.state()).isEqualTo("success");
    assertThat(view.logExcerpt()).isEqualTo("applied");
    assertThat(eventTypes("job-1"))
        .doesNotContain(
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED);
  }

  @Test
  void cancel_jobWhoseWorkflowIsNotRunning_endsItCanceled() {
    fixture.insert(JobServicesFixture.sync("job-1", false), JobStates.QUEUED, "queued", null);

    JobView view = canceller.cancel("job-1");

    assertThat(view.state()).isEqualTo("canceled");
    assertThat(view.logExcerpt()).isEqualTo("canceled (workflow was not running)");
    assertThat(fixture.store.find("job-1").orElseThrow().endedAt()).isNotNull();
  }

  @Test
  @Timeout(30)
  void cancel_jobThatStopsWithinTheGrace_endsAsItsWorkflowPublished_withoutTermination() throws Exception {
    JobRequest request = JobServicesFixture.sync("job-1", false);
    fixture.insert(request, JobStates.RUNNING, "fetch", snapshot("job-1", JobState.RUNNING, "fetching"));
    workflows.start(request);
    // The clock stands still: only the job's own canceled transition can end the wait.
    CompletableFuture<Void> workflowStops =
        CompletableFuture.runAsync(
            () -> {
              await(() -> eventTypes("job-1").contains(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED));
              fixture.publisher.publish(snapshot("job-1", JobState.CANCELED, "fetching\ncanceled by request"));
            });

    JobView view = canceller.cancel("job-1");

    workflowStops.get(30, TimeUnit.SECONDS);
    assertThat(view.state()).isEqualTo("canceled");
    assertThat(view.logExcerpt()).isEqualTo("fetching\ncanceled by request");
    assertThat(eventTypes("job-1")).doesNotContain(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED);
  }

  @ParameterizedTest(name = "{0} in phase {1}: terminated after {2} s")
  @CsvSource({"queued, queued, 5", "running, fetch, 5", "running, merge, 5", "running, apply, 60", "running, resolve, 60"})
  void cancel_jobThatDoesNotStop_isTerminatedAfterItsGrace(String state, String phase, int graceSeconds) {
    JobRequest request = JobServicesFixture.sync("job-1", false);
    fixture.insert(request, state, phase, snapshot("job-1", JobState.valueOf(state.toUpperCase()), "started"));
    workflows.start(request);
    fixture.clock.tickOnEachRead(Duration.ofSeconds(1));
    Instant before = fixture.clock.instant();

    JobView view = canceller.cancel("job-1");

    Duration waited = Duration.between(before, fixture.clock.instant());
    assertThat(waited).isBetween(Duration.ofSeconds(graceSeconds), Duration.ofSeconds(graceSeconds + 5));
    assertThat(terminationReason("job-1")).isEqualTo("canceled: did not stop within " + graceSeconds + " s");
    assertThat(WorkflowStatuses.of(fixture.client, "job-1"))
        .contains(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(view.state()).isEqualTo("canceled");
    assertThat(view.logExcerpt()).isEqualTo("started\ncanceled (terminated)");
  }

  private static JobSnapshot snapshot(String jobId, JobState state, String log) {
    return new JobSnapshot(
        jobId, state, "phase", 50, null, List.of(), List.of(), List.of(), List.of(), List.of(log.split("\n")),
        Map.of());
  }

  private List<EventType> eventTypes(String workflowId) {
    return fixture.history(workflowId).stream().map(HistoryEvent::getEventType).toList();
  }

  private String terminationReason(String workflowId) {
    return fixture.history(workflowId).stream()
        .filter(HistoryEvent::hasWorkflowExecutionTerminatedEventAttributes)
        .map(e -> e.getWorkflowExecutionTerminatedEventAttributes().getReason())
        .findFirst()
        .orElse(null);
  }

  private static void await(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
