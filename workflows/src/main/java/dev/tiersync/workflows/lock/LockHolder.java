package dev.tiersync.workflows.lock;

import io.temporal.workflow.SignalMethod;

/** Signals a workflow receives when it takes part in the lock protocol. */
public interface LockHolder {
  @SignalMethod(name = LockSignals.GRANTED)
  void lockGranted(String lockId);

  @SignalMethod(name = LockSignals.QUEUED)
  void lockQueued(LockQueued queued);
}
