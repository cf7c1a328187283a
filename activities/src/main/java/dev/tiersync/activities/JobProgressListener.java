package dev.tiersync.activities;

/**
 * Receives progress from inside long activities, so that status reads can show a percentage
 * that moves within a phase without asking Temporal. The app implements it; tests may ignore it.
 */
@FunctionalInterface
public interface JobProgressListener {
  JobProgressListener NONE = (jobId, phase, done, total, detail) -> {};

  /** {@code done} of {@code total} units of {@code phase} are finished. */
  void progress(String jobId, String phase, int done, int total, String detail);
}
