package dev.tiersync.engine.tier;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writer lock of one tier's shared files: a collection's {@code collection.toml} and {@code
 * collection.lock}, or a project's {@code .claude/.skillmeat-deployed.toml}. Every job that applies
 * an artifact rewrites one entry of such a file; without this lock two jobs on different artifacts
 * would each read the file, change their own entry and write it back, and the later write would
 * drop the earlier entry.
 *
 * <p>The lock has two layers. Inside this JVM a {@link ReentrantLock} per tier folder serialises
 * the worker's threads. Across processes (several app instances sharing one data folder, or a
 * SkillMeat-aware tool that honours it) an OS file lock ({@code fcntl}) on {@value #LOCK_FILE} in the
 * tier folder serialises the instances; the OS drops it when a process dies, so a crash never
 * leaves it held. The JVM layer is needed anyway: Java's file locks belong to the process, so two
 * threads of one process cannot exclude each other with them.
 *
 * <p>Callers hold the lock only for a short read-modify-write of the current file: re-read under
 * the lock, change the entries of the artifacts they applied, write atomically ({@link
 * AtomicFiles}), release.
 */
public final class TierWriteLock {
  /** The lock file's name; the leading dot keeps it out of artifact listings. */
  public static final String LOCK_FILE = ".tiersync-writer.lock";

  /** How long a writer waits before giving up (a transient failure, retried by the job). */
  static final Duration WAIT = Duration.ofMinutes(2);

  private static final long POLL_MILLIS = 5;
  private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  /** The body run under the lock. */
  @FunctionalInterface
  public interface Body<T> {
    T run() throws IOException;
  }

  /** The body run under the lock, without a result. */
  @FunctionalInterface
  public interface VoidBody {
    void run() throws IOException;
  }

  private TierWriteLock() {}

  /** Runs {@code body} holding the writer lock of the tier whose shared files live in {@code dir}. */
  public static void run(Path dir, VoidBody body) throws IOException {
    call(
        dir,
        () -> {
          body.run();
          return null;
        });
  }

  /** Runs {@code body} holding the writer lock of the tier whose shared files live in {@code dir}. */
  public static <T> T call(Path dir, Body<T> body) throws IOException {
    Files.createDirectories(dir);
    Path key = dir.toRealPath();
    ReentrantLock local = LOCKS.computeIfAbsent(key, k -> new ReentrantLock(true));
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      if (!local.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw timeout(key);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the writer lock of " + key, e);
    }
    try {
      if (local.getHoldCount() > 1) {
        // Re-entered by the same thread: the file lock is already held.
        return body.run();
      }
      try (FileChannel channel =
              FileChannel.open(
                  key.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = acquire(channel, key, deadline)) {
        return body.run();
      }
    } finally {
      local.unlock();
    }
  }

  private static FileLock acquire(FileChannel channel, Path key, long deadline) throws IOException {
    while (true) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() > deadline) {
        throw timeout(key);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the writer lock of " + key, e);
      }
    }
  }

  private static IOException timeout(Path key) {
    return new IOException(
        "timed out after "
            + WAIT.toSeconds()
            + " s waiting for the writer lock of "
            + key
            + " ("
            + LOCK_FILE
            + " is held by another process)");
  }
}
