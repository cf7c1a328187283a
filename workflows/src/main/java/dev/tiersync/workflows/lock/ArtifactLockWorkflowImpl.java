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
  public static final Duration LEASE_CHECK = Duration.ofMinutes(2);
  /** How long the lock waits for a new request once free before it ends. */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
  /** Grants before continue-as-new, to keep the history short. */
  static final int GRANTS_PER_RUN = 200;
  /**
   * Version of the lease check: {@code DEFAULT_VERSION} restarted the {@link #LEASE_CHECK} timer
   * whenever a waiter arrived (so steady arrivals postponed it indefinitely); 1 checks on a fixed
   * cadence, {@link #LEASE_CHECK} after the grant and after each check, whatever arrives.
   */
  static final String FIXED_LEASE_CADENCE = "fixed-lease-cadence";

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
    int leaseVersion = Workflow.getVersion(FIXED_LEASE_CADENCE, Workflow.DEFAULT_VERSION, 1);
    String lockId = Workflow.getInfo().getWorkflowId();
    int grants = 0;
    long leaseDeadline = holder == null ? 0 : nextLeaseCheck();
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
        leaseDeadline = nextLeaseCheck();
      }
      notifyWaiters(lockId);
      if (leaseVersion == Workflow.DEFAULT_VERSION) {
        boolean changed =
            Workflow.await(LEASE_CHECK, () -> holderReleased || !toNotify.isEmpty());
        if (holderReleased) {
          holder = null;
        } else if (!changed && !activities.isRunning(holder.requesterId())) {
          holder = null;
        }
      } else {
        // Fixed cadence: wait only for what is left until the check that is due, so that new
        // waiters (which wake the loop to be told who holds the lock) cannot postpone it.
        long remaining = leaseDeadline - Workflow.currentTimeMillis();
        if (remaining > 0) {
          Workflow.await(Duration.ofMillis(remaining), () -> holderReleased || !toNotify.isEmpty());
        }
        if (holderReleased) {
          holder = null;
        } else if (Workflow.currentTimeMillis() >= leaseDeadline) {
          if (activities.isRunning(holder.requesterId())) {
            leaseDeadline = nextLeaseCheck();
          } else {
            holder = null;
          }
        }
      }
      if (holder == null && grants >= GRANTS_PER_RUN) {
        Workflow.continueAsNew(new LockState(null, new ArrayList<>(waiting)));
      }
    }
  }

  private static long nextLeaseCheck() {
    return Workflow.currentTimeMillis() + LEASE_CHECK.toMillis();
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
