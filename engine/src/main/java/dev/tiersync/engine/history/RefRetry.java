package dev.tiersync.engine.history;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Backs off between compare-and-swap attempts on a ref that other writers (threads or processes)
 * hold, giving up after {@link #TIMEOUT_MILLIS}.
 */
final class RefRetry {
  static final long TIMEOUT_MILLIS = 30_000;

  private RefRetry() {}

  /** When the attempts on a ref started now must give up. */
  static long deadline() {
    return System.currentTimeMillis() + TIMEOUT_MILLIS;
  }

  /**
   * Sleeps a short random while, longer with each attempt.
   *
   * @throws IOException if the deadline has passed or the thread was interrupted
   */
  static void backOff(int attempt, long deadline, String refName) throws IOException {
    if (System.currentTimeMillis() > deadline) {
      throw new IOException("ref " + refName + " stayed locked by other writers; giving up");
    }
    long maxSleep = Math.min(50, 1L << Math.min(attempt, 5));
    try {
      Thread.sleep(1 + ThreadLocalRandom.current().nextLong(maxSleep));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + refName);
    }
  }
}
