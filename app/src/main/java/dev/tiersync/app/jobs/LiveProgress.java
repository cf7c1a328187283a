package dev.tiersync.app.jobs;

import dev.tiersync.activities.JobProgressListener;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Progress inside long activities, kept in memory: the workflow only knows phases, while the
 * activity knows how many artifacts of the phase are done. Status reads blend the two without
 * asking Temporal, so they never wait on a running activity.
 */
public final class LiveProgress implements JobProgressListener {
  /** Where a phase sits on the 0-100 scale; matches the percentages the workflow publishes. */
  private static final int[][] RANGES = {{5, 35}, {35, 50}, {50, 100}};

  private record Entry(String phase, int done, int total, String detail) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  @Override
  public void progress(String jobId, String phase, int done, int total, String detail) {
    entries.put(jobId, new Entry(phase, done, total, detail));
  }

  /** The job's percentage, refined by in-phase progress when the job is in that phase. */
  public int pct(String jobId, String phase, int stored) {
    Entry e = entries.get(jobId);
    if (e == null || phase == null || !phase.equals(e.phase) || e.total <= 0) {
      return stored;
    }
    int[] r = range(phase);
    if (r == null) {
      return stored;
    }
    int live = r[0] + (r[1] - r[0]) * Math.min(e.done, e.total) / e.total;
    return Math.max(stored, Math.min(live, 99));
  }

  /** What the running activity is working on, e.g. "fetch receiving objects 40/100". */
  public String detail(String jobId) {
    Entry e = entries.get(jobId);
    return e == null ? null : e.detail;
  }

  public void forget(String jobId) {
    entries.remove(jobId);
  }

  private static int[] range(String phase) {
    return switch (phase) {
      case "fetch" -> RANGES[0];
      case "merge" -> RANGES[1];
      case "apply" -> RANGES[2];
      default -> null;
    };
  }
}
