package dev.tiersync.workflows.lock;

import static dev.tiersync.workflows.testing.JobTestEnvironment.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.workflows.testing.JobTestEnvironment;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-artifact lock workflow on Temporal's test server, driven by small holder workflows that
 * take the lock through the real lock activity and record the signals they receive.
 */
class ArtifactLockWorkflowTest {
  private static final String LOCK = LockIds.collection("default", "skill:x");

  private final JobTestEnvironment jobs = new JobTestEnvironment(RecordingHolderImpl.class);

  @AfterEach
  void tearDown() {
    jobs.close();
  }

  @Test
  void requests_areGrantedOneAtATimeInArrivalOrder_andWaitersAreToldWhoHoldsTheLock()
      throws Exception {
    RecordingHolder h1 = start("h1");
    awaitTrue(() -> h1.events().contains("granted"), "h1 holds the lock");
    RecordingHolder h2 = start("h2");
    awaitTrue(() -> lock().state().waiting().size() == 1, "h2 waits");
    RecordingHolder h3 = start("h3");
    awaitTrue(() -> lock().state().waiting().size() == 2, "h3 waits");
    awaitTrue(() -> h3.events().contains("queued behind h1 (holder h1)"), "h3 is told");

    assertThat(h2.events()).containsExactly("queued behind h1 (holder h1)");
    assertThat(lock().state().waiting())
        .extracting(LockRequest::requesterId)
        .containsExactly("h2", "h3");

    h1.leave();
    awaitTrue(() -> h2.events().contains("granted"), "h2 is granted after h1 left");
    assertThat(jobs.holderId(LOCK)).isEqualTo("h2");
    assertThat(h3.events()).doesNotContain("granted");

    h2.leave();
    awaitTrue(() -> h3.events().contains("granted"), "h3 is granted after h2 left");
    h3.leave();
    awaitTrue(() -> lock().state().holder() == null, "the lock is free");
  }

  @Test
  void releaseOfAWaitingRequest_withdrawsIt_soItIsNeverGranted() throws Exception {
    RecordingHolder h1 = start("h1");
    awaitTrue(() -> h1.events().contains("granted"), "h1 holds the lock");
    RecordingHolder h2 = start("h2");
    awaitTrue(() -> lock().state().waiting().size() == 1, "h2 waits");

    lock().release("h2");
    awaitTrue(() -> lock().state().waiting().isEmpty(), "h2's request is withdrawn");
    h1.leave();
    awaitTrue(() -> lock().state().holder() == null, "the lock is free");

    assertThat(h2.events()).doesNotContain("granted");
  }

  @Test
  void aRepeatedRequestFromTheSameJob_isCountedOnce() throws Exception {
    RecordingHolder h1 = start("h1");
    awaitTrue(() -> h1.events().contains("granted"), "h1 holds the lock");
    start("h2");
    awaitTrue(() -> lock().state().waiting().size() == 1, "h2 waits");

    lock().acquire(new LockRequest("h2", "again"));
    lock().acquire(new LockRequest("h1", "again"));

    assertThat(lock().state().waiting()).extracting(LockRequest::requesterId).containsExactly("h2");
    assertThat(lock().state().holder().requesterId()).isEqualTo("h1");
  }

  @Test
  void aFreeLock_endsAfterItsIdleTimeout() throws Exception {
    RecordingHolder h1 = start("h1");
    awaitTrue(() -> h1.events().contains("granted"), "h1 holds the lock");
    h1.leave();
    awaitTrue(() -> lock().state().holder() == null, "the lock is free");

    jobs.env.sleep(ArtifactLockWorkflowImpl.IDLE_TIMEOUT.plusSeconds(30));

    awaitTrue(
        () -> jobs.hasEvent(LOCK, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED),
        "the idle lock workflow completed");
  }

  private RecordingHolder start(String id) {
    RecordingHolder holder = jobs.stub(RecordingHolder.class, id);
    WorkflowClient.start(holder::hold, LOCK);
    return holder;
  }

  private ArtifactLockWorkflow lock() {
    return jobs.client.newWorkflowStub(ArtifactLockWorkflow.class, LOCK);
  }

  /** A job stand-in: takes the lock, records what the lock tells it, leaves when told to. */
  @WorkflowInterface
  public interface RecordingHolder extends LockHolder {
    @WorkflowMethod
    void hold(String lockId);

    @SignalMethod
    void leave();

    @QueryMethod
    List<String> events();
  }

  public static class RecordingHolderImpl implements RecordingHolder {
    private final LockActivities locks =
        Workflow.newActivityStub(
            LockActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
    private final List<String> events = new ArrayList<>();
    private boolean granted;
    private boolean leave;

    @Override
    public void hold(String lockId) {
      String me = Workflow.getInfo().getWorkflowId();
      locks.requestLock(new LockActivities.LockCall(lockId, me, "queued behind " + me));
      Workflow.await(() -> granted);
      Workflow.await(() -> leave);
      Workflow.newUntypedExternalWorkflowStub(lockId).signal("release", me);
    }

    @Override
    public void leave() {
      leave = true;
    }

    @Override
    public List<String> events() {
      return new ArrayList<>(events);
    }

    @Override
    public void lockGranted(String lockId) {
      granted = true;
      events.add("granted");
    }

    @Override
    public void lockQueued(LockQueued queued) {
      events.add(queued.label() + " (holder " + queued.holderId() + ")");
    }
  }
}
