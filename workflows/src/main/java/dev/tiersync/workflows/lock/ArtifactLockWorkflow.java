package dev.tiersync.workflows.lock;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A mutex for one artifact in one tier, so that two jobs never write it at the same time. Its
 * workflow id is the lock id ({@link LockIds}); jobs reach it with signal-with-start, so the
 * first request creates it. Requests are granted first come, first served; the holder releases
 * it when done (or when canceled). A holder that ended without releasing is detected and
 * skipped. The workflow ends when it has been idle for a while.
 */
@WorkflowInterface
public interface ArtifactLockWorkflow {
  /** Runs the lock; {@code state} is null on first start and carried over by continue-as-new. */
  @WorkflowMethod
  void run(LockState state);

  /** Queues a request; a repeated request from the same job is ignored. */
  @SignalMethod
  void acquire(LockRequest request);

  /** Releases the lock if {@code requesterId} holds it, or withdraws its waiting request. */
  @SignalMethod
  void release(String requesterId);

  @QueryMethod
  LockState state();
}
