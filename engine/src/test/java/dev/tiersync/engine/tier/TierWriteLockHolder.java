package dev.tiersync.engine.tier;

import java.nio.file.Path;

/**
 * A second process for {@link TierWriteLockTest}: takes the writer lock of the folder named by its
 * argument, prints {@code locked}, and holds it until its standard input closes.
 */
public final class TierWriteLockHolder {
  private TierWriteLockHolder() {}

  public static void main(String[] args) throws Exception {
    TierWriteLock.run(
        Path.of(args[0]),
        () -> {
          System.out.println("locked");
          System.out.flush();
          while (System.in.read() >= 0) {
            // hold until stdin closes
          }
        });
  }
}
