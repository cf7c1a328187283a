package dev.tiersync.workflows.lock;

/** Signal names of the lock protocol, shared by the lock workflow and the jobs that use it. */
public final class LockSignals {
  /** To a job: you now hold the lock (argument: the lock workflow id). */
  public static final String GRANTED = "lockGranted";
  /** To a job: you wait behind another job (argument: {@link LockQueued}). */
  public static final String QUEUED = "lockQueued";

  private LockSignals() {}
}
