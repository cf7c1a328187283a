package dev.tiersync.workflows.host;

import io.temporal.activity.ActivityInterface;

/**
 * What a host's agent ({@code tiersync agent}) answers about itself. Implemented by the agent and
 * registered only on its own task queue, {@link dev.tiersync.workflows.TaskQueues#host}; callers
 * route to it with that queue in their activity options.
 */
@ActivityInterface(namePrefix = "Host")
public interface HostActivities {

  /**
   * The agent's host id, version and project roots.
   *
   * <p>Idempotency: reads configuration only. Failures: none of its own.
   */
  HostDescription describe();

  /**
   * The projects (folders holding a {@code .claude/} folder) under the agent's project roots, as
   * real paths on that host, found the way the server finds its own.
   *
   * <p>Idempotency: reads the file system only. Failures: none of its own (an unreadable folder is
   * skipped).
   */
  HostProjects projects();
}
