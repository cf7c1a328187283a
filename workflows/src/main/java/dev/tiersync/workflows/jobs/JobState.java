package dev.tiersync.workflows.jobs;

/** A job's lifecycle: {@code queued → running → success | conflict | error | canceled}. */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCESS,
  CONFLICT,
  ERROR,
  CANCELED;

  public boolean terminal() {
    return this != QUEUED && this != RUNNING;
  }
}
