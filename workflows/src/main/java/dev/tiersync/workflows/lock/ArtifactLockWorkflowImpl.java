package dev.tiersync.workflows.lock;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.ExternalWorkflowStub;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** See {@link ArtifactLockWorkflow}. */
public class ArtifactLockWorkflowImpl implements ArtifactLockWorkflow {
  /** How long a holder may keep the lock before the lock checks that it is still running. */
  static final Duration LEASE_CHECK = Duration.ofMinutes(2);
  /** How long the lock waits for a new request once free before it ends. */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
  /** Grants before continue-as-new, to keep the history short. */
  static final int GRANTS_PER_RUN = 200;

  private final LockActivities activities =
      Workflow.newActivityStub(
          LockActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
              .build());

  private final Deque<LockRequest> waiting = new ArrayDeque<>();
  private final List<LockRequest> toNotify = new ArrayList<>();
  private LockRequest holder;
  private boolean holderReleased;

  @Override
  public void run(LockState state) {
    if (state != null) {
      holder = state.holder();
      waiting.addAll(state.waiting());
      toNotify.addAll(state.waiting());
    }
    String lockId = Workflow.getInfo().getWorkflowId();
    int grants = 0;
    while (true) {
      if (holder == null) {
        LockRequest next = waiting.pollFirst();
        if (next == null) {
          if (grants >= GRANTS_PER_RUN || !Workflow.await(IDLE_TIMEOUT, () -> !waiting.isEmpty())) {
            // Idle: end. A request that races this end is not lost: Temporal rejects the
            // completion while a signal is unhandled and the loop runs again.
            if (waiting.isEmpty()) {
              return;
            }
          }
          continue;
        }
        holder = next;
        holderReleased = false;
        grants++;
        if (!signal(next.requesterId(), LockSignals.GRANTED, lockId)) {
          holder = null;
          continue;
        }
      }
      notifyWaiters(lockId);
      boolean changed =
          Workflow.await(LEASE_CHECK, () -> holderReleased || !toNotify.isEmpty());
      if (holderReleased) {
        holder = null;
      } else if (!changed && !activities.isRunning(holder.requesterId())) {
        holder = null;
      }
      if (holder == null && grants >= GRANTS_PER_RUN) {
        Workflow.continueAsNew(new LockState(null, new ArrayList<>(waiting)));
      }
    }
  }

  private void notifyWaiters(String lockId) {
    List<LockRequest> pending = new ArrayList<>(toNotify);
    toNotify.clear();
    for (LockRequest r : pending) {
      if (waiting.contains(r)) {
        signal(
            r.requesterId(),
            LockSignals.QUEUED,
            new LockQueued(lockId, holder.requesterId(), holder.label()));
      }
    }
  }

  /** Signals a job; false when it no longer runs (it ended without releasing). */
  private boolean signal(String workflowId, String name, Object arg) {
    try {
      ExternalWorkflowStub stub = Workflow.newUntypedExternalWorkflowStub(workflowId);
      stub.signal(name, arg);
      return true;
    } catch (SignalExternalWorkflowException | ApplicationFailure e) {
      waiting.removeIf(r -> r.requesterId().equals(workflowId));
      return false;
    }
  }

  @Override
  public void acquire(LockRequest request) {
    boolean known =
        (holder != null && holder.requesterId().equals(request.requesterId()))
            || waiting.stream().anyMatch(r -> r.requesterId().equals(request.requesterId()));
    if (!known) {
      waiting.addLast(request);
      toNotify.add(request);
    }
  }

  @Override
  public void release(String requesterId) {
    if (holder != null && holder.requesterId().equals(requesterId)) {
      holderReleased = true;
    } else {
      waiting.removeIf(r -> r.requesterId().equals(requesterId));
    }
  }

  @Override
  public LockState state() {
    return new LockState(holder, new ArrayList<>(waiting));
  }
}
