package dev.tiersync.engine.upstream;

/**
 * Receives progress of a clone or fetch, e.g. to heartbeat a Temporal activity. Calls come from the
 * fetching thread and are throttled to a few per second.
 */
@FunctionalInterface
public interface FetchProgress {
  /** Reports nothing and never cancels. */
  FetchProgress NONE = (phase, done, total) -> {};

  /**
   * @param phase what is happening: {@code connecting}, or JGit's task title such as {@code
   *     Receiving objects}
   * @param done units of work done in this phase
   * @param total units of work in this phase, or 0 when unknown
   */
  void update(String phase, int done, int total);

  /** Returning true aborts the transfer; the call then throws a CancellationException. */
  default boolean isCancelled() {
    return false;
  }
}
