package dev.tiersync.app.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves: it stands still, or moves {@code step} further each time it is read, so
 * a wait measured on it (a cancel's grace) passes without waiting in real time.
 */
final class TestClock extends Clock {
  private Instant now;
  private volatile Duration step = Duration.ZERO;

  TestClock(Instant start) {
    this.now = start;
  }

  /** From now on, each reading moves the clock {@code step} further. */
  void tickOnEachRead(Duration step) {
    this.step = step;
  }

  synchronized void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public synchronized Instant instant() {
    Instant read = now;
    now = now.plus(step);
    return read;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock has one zone");
  }
}
