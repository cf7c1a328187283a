package dev.tiersync.workflows;

/** Task queue names; the only place they are spelled out. */
public final class TaskQueues {
  /** Sync, resolve and patch workflows, the per-artifact lock workflows, and their activities. */
  public static final String JOBS = "tiersync-jobs";

  /**
   * Prefix of each host agent's own task queue ({@code tiersync agent}): the activities that must
   * run where a member's files are go to {@code tiersync-host-<host id>}.
   */
  public static final String HOST_PREFIX = "tiersync-host-";

  /** The task queue the agent of {@code hostId} polls. */
  public static String host(String hostId) {
    return HOST_PREFIX + hostId;
  }

  private TaskQueues() {}
}
