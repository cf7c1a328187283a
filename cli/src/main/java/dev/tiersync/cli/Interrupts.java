package dev.tiersync.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) while a job is followed. The JVM's own handler would just exit; the follower
 * instead decides what the interrupt means (on a terminal it asks whether to cancel the job).
 * {@code sun.misc.Signal} is the JDK's supported way to do that ({@code jdk.unsupported}).
 */
final class Interrupts implements AutoCloseable {
  private static final Signal INT = new Signal("INT");

  private final SignalHandler previous;

  private Interrupts(Runnable onInterrupt) {
    SignalHandler old;
    try {
      old = Signal.handle(INT, signal -> onInterrupt.run());
    } catch (IllegalArgumentException e) {
      // SIGINT is ignored (a process started in the background by a script): nothing to handle.
      old = null;
    }
    this.previous = old;
  }

  /** Runs {@code onInterrupt} (on the JVM's signal thread) for each Ctrl-C until closed. */
  static Interrupts handle(Runnable onInterrupt) {
    return new Interrupts(onInterrupt);
  }

  @Override
  public void close() {
    if (previous != null) {
      Signal.handle(INT, previous);
    }
  }
}
