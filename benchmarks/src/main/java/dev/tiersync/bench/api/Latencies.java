package dev.tiersync.bench.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latencies of one measured series, in nanoseconds, and the summary the report prints. */
final class Latencies {
  private final long[] nanos;
  private int count;

  Latencies(int capacity) {
    nanos = new long[capacity];
  }

  synchronized void add(long n) {
    nanos[count++] = n;
  }

  /**
   * Count, median, p90, p99, max and mean in milliseconds, plus requests per second over {@code
   * wallNanos} when it is positive.
   */
  synchronized Map<String, Object> summary(long wallNanos) {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count);
    m.put("median_ms", ms(percentile(sorted, 0.50)));
    m.put("p90_ms", ms(percentile(sorted, 0.90)));
    m.put("p99_ms", ms(percentile(sorted, 0.99)));
    m.put("max_ms", ms(count == 0 ? 0 : sorted[count - 1]));
    m.put("mean_ms", ms(count == 0 ? 0 : (long) Arrays.stream(sorted).average().orElse(0)));
    if (wallNanos > 0) {
      m.put("per_second", Math.round(count * 1e10 / wallNanos) / 10.0);
    }
    return m;
  }

  /** Nearest-rank percentile. */
  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1e4) / 100.0;
  }
}
