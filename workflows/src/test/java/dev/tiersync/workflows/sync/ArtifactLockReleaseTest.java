package dev.tiersync.workflows.sync;

import static dev.tiersync.workflows.testing.JobTestEnvironment.awaitTrue;
import static dev.tiersync.workflows.testing.JobTestEnvironment.syncRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.lock.ArtifactLockWorkflowImpl;
import dev.tiersync.workflows.lock.LockActivities;
import dev.tiersync.workflows.lock.LockHolder;
import dev.tiersync.workflows.lock.LockIds;
import dev.tiersync.workflows.lock.LockQueued;
import dev.tiersync.workflows.lock.LockSignals;
import dev.tiersync.workflows.testing.FakeActivities;
import dev.tiersync.workflows.testing.JobTestEnvironment;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cancel never leaves a lock held, and a lock held by a job that died is reclaimed within the
 * lease however often new waiters arrive. Runs on Temporal's test server with time skipping, so
 * "within the lease" is measured in the server's (virtual) time.
 */
class ArtifactLockReleaseTest {
  private static final String LOCK_X = LockIds.collection("default", "skill:x");
  private static final String LOCK_B = LockIds.collection("default", "skill:b");

  private JobTestEnvironment jobs;
  private TestWorkflowEnvironment env;
  private FakeActivities activities;
  private WorkflowClient client;

  @BeforeEach
  void setUp() {
    jobs = new JobTestEnvironment(HoldWorkflowImpl.class);
    env = jobs.env;
    activities = jobs.activities;
    client = jobs.client;
  }

  @AfterEach
  void tearDown() {
    jobs.close();
  }

  @Test
  void cancelDuringTheLastApply_endsCanceledWithTheWrittenResult_andTheNextJobGetsTheLockAtOnce() throws Exception {
    activities.applyGate = new CountDownLatch(1);
    activities.gatedArtifact = "skill:b";
    WorkflowClient.start(stub("job-j")::run, syncRequest("job-j", List.of("skill:a", "skill:b"), false));
    awaitTrue(() -> activities.applyAttempts.get() == 2, "the apply of skill:b (the last artifact) started");

    WorkflowStub job = client.newUntypedWorkflowStub("job-j");
    job.cancel();
    awaitTrue(() -> cancelProcessed("job-j"), "the workflow saw the cancel");
    // The apply runs on (the job waits for it in a detached scope) and writes the artifact.
    activities.applyGate.countDown();

    assertThatThrownBy(() -> job.getResult(JobSnapshot.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    JobSnapshot last = jobs.lastPublished("job-j");
    assertThat(last.state()).isEqualTo(JobState.CANCELED);
    assertThat(last.artifacts())
        .as("the artifact written before the cancel took effect is reported, not hidden")
        .extracting(ArtifactResult::artifactId, ArtifactResult::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("skill:a", Outcome.UPDATED),
            org.assertj.core.groups.Tuple.tuple("skill:b", Outcome.UPDATED));
    assertThat(activities.applied).containsExactly("job-j:skill:a", "job-j:skill:b");
    assertThat(jobs.holderId(LOCK_B)).as("the canceled job released its lock").isNull();
    assertThat(jobs.hasEvent("job-j", EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED))
        .as("no activity cancel is ever requested (the test server can wedge on one, sdk-java#2391)")
        .isFalse();

    JobSnapshot next = stub("job-next").run(syncRequest("job-next", List.of("skill:b"), false));

    assertThat(next.state()).isEqualTo(JobState.SUCCESS);
    // The lock was free before the next job asked (holderId above) and the next job never queued:
    // it got the lock at once. Server time is not compared: the test server skips ahead to the
    // next timer whenever only activities are in flight, so it can jump minutes with nobody waiting.
    assertThat(jobs.published("job-next", s -> s.waitingReason() != null))
        .as("the next job never waited behind the canceled one")
        .isEmpty();
  }

  /**
   * {@code job-dead} takes the lock on skill:x, then waits for skill:y (held by a live test
   * workflow) and is terminated there, as an operator would; new jobs on skill:x arrive every 30
   * s. (The holder dies while no activity runs: the test server stops skipping time for good when
   * a workflow is terminated during an activity.)
   */
  @Test
  void holderThatDied_isReclaimedWithinTheLease_whileNewWaitersKeepArriving() throws Exception {
    WorkflowClient.start(
        client.newWorkflowStub(HoldWorkflow.class, WorkflowOptions.newBuilder().setWorkflowId("hold-y").setTaskQueue(TaskQueues.JOBS).build())::hold,
        LockIds.collection("default", "skill:y"));
    awaitTrue(() -> jobs.hasEvent("hold-y", EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED), "hold-y was granted skill:y");
    assertThat(jobs.holderId(LockIds.collection("default", "skill:y"))).isEqualTo("hold-y");
    WorkflowClient.start(stub("job-dead")::run, syncRequest("job-dead", List.of("skill:x", "skill:y"), false));
    awaitTrue(() -> !jobs.published("job-dead", s -> s.waitingReason() != null).isEmpty(), "job-dead waits for skill:y");
    assertThat(jobs.holderId(LOCK_X)).isEqualTo("job-dead");
    client.newUntypedWorkflowStub("job-dead").terminate("operator");

    List<String> waiters = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String id = "job-w" + i;
      waiters.add(id);
      WorkflowClient.start(stub(id)::run, syncRequest(id, List.of("skill:x"), false));
      env.sleep(Duration.ofSeconds(30));
    }
    for (String id : waiters) {
      assertThat(client.newUntypedWorkflowStub(id).getResult(JobSnapshot.class).state()).isEqualTo(JobState.SUCCESS);
    }

    long died = eventTime("job-dead", e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED);
    long granted =
        eventTime("job-w0", e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
            && e.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals(LockSignals.GRANTED));
    assertThat(jobs.published("job-w0", s -> s.waitingReason() != null))
        .first()
        .satisfies(s -> assertThat(s.waitingReason()).endsWith("held by job job-dead"));
    assertThat(Duration.ofMillis(granted - died))
        .as("the first waiter is granted at the lease check after the holder died, arrivals notwithstanding")
        .isLessThanOrEqualTo(ArtifactLockWorkflowImpl.LEASE_CHECK.plusSeconds(10));
    assertThat(activities.applied).startsWith("job-w0:skill:x").hasSize(waiters.size());
    assertThat(jobs.holderId(LOCK_X)).isNull();
  }

  /** A workflow that takes a lock and keeps it, standing for a long-running live holder. */
  @WorkflowInterface
  public interface HoldWorkflow extends LockHolder {
    @WorkflowMethod
    void hold(String lockId);
  }

  public static class HoldWorkflowImpl implements HoldWorkflow {
    private final LockActivities locks =
        Workflow.newActivityStub(LockActivities.class, ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
    private boolean granted;

    @Override
    public void hold(String lockId) {
      locks.requestLock(new LockActivities.LockCall(lockId, Workflow.getInfo().getWorkflowId(), "test hold"));
      Workflow.await(() -> granted);
      Workflow.await(() -> false);
    }

    @Override
    public void lockGranted(String lockId) {
      granted = true;
    }

    @Override
    public void lockQueued(LockQueued queued) {}
  }

  /** The workflow completed a workflow task after its cancel was requested. */
  private boolean cancelProcessed(String workflowId) {
    long requested = -1;
    for (HistoryEvent e : client.fetchHistory(workflowId).getEvents()) {
      if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED) {
        requested = e.getEventId();
      } else if (requested > 0 && e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
        return true;
      }
    }
    return false;
  }

  /** Server time (ms) of the first matching event in a workflow's history. */
  private long eventTime(String workflowId, Predicate<HistoryEvent> which) {
    HistoryEvent e =
        client.fetchHistory(workflowId).getEvents().stream()
            .filter(which)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no such event in " + workflowId));
    return e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000;
  }

  private SyncWorkflow stub(String jobId) {
    return jobs.sync(jobId);
  }
}
