package dev.tiersync.app.jobs;

import java.util.Set;

/** The job states as stored and shown (lower case). */
public final class JobStates {
  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final Set<String> TERMINAL = Set.of("success", "conflict", "error", "canceled");

  private JobStates() {}

  public static boolean terminal(String state) {
    return TERMINAL.contains(state);
  }
}
