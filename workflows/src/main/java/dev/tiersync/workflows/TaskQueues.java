package dev.tiersync.workflows;

/** Task queue names; the only place they are spelled out. */
public final class TaskQueues {
  /** Sync, resolve and patch workflows, the per-artifact lock workflows, and their activities. */
  public static final String JOBS = "tiersync-jobs";

  private TaskQueues() {}
}
