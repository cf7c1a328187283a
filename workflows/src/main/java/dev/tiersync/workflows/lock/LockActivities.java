package dev.tiersync.workflows.lock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Client-side steps of the lock protocol that a workflow cannot take itself. */
@ActivityInterface
public interface LockActivities {
  /** Input of {@link #requestLock}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record LockCall(String lockId, String requesterId, String label) {}

  /**
   * Signals {@link ArtifactLockWorkflow#acquire} with signal-with-start, creating the lock
   * workflow if it is not running. Idempotent: the lock ignores a repeated request.
   */
  @ActivityMethod
  void requestLock(LockCall call);

  /** Whether a workflow is still running; the lock uses it to drop a holder that ended. */
  @ActivityMethod
  boolean isRunning(String workflowId);
}
