package dev.tiersync.engine.upstream;

import org.eclipse.jgit.lib.ProgressMonitor;

/**
 * Forwards JGit's per-object progress to a {@link FetchProgress}, throttled: JGit reports every
 * object, and a listener that heartbeats over the network must not be called that often.
 */
final class ProgressAdapter implements ProgressMonitor {
  private static final long INTERVAL_NANOS = 250_000_000L;

  private final FetchProgress listener;
  private String phase = "";
  private int total;
  private int done;
  private long lastReport;

  ProgressAdapter(FetchProgress listener) {
    this.listener = listener;
  }

  @Override
  public void start(int totalTasks) {}

  @Override
  public void beginTask(String title, int totalWork) {
    phase = title;
    total = totalWork == UNKNOWN ? 0 : totalWork;
    done = 0;
    report(true);
  }

  @Override
  public void update(int completed) {
    done += completed;
    report(false);
  }

  @Override
  public void endTask() {
    report(true);
  }

  @Override
  public boolean isCancelled() {
    return listener.isCancelled();
  }

  @Override
  public void showDuration(boolean enabled) {}

  private void report(boolean force) {
    long now = System.nanoTime();
    if (force || now - lastReport >= INTERVAL_NANOS) {
      lastReport = now;
      listener.update(phase, done, total);
    }
  }
}
