package dev.tiersync.app.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Claims this instance's id in a data directory that several instances share (a PostgreSQL job
 * store): an OS lock on {@code instance-<id>.lock}, held while the process lives and dropped by the
 * OS when it dies. Each instance appends to files named after its id (the job store's JSONL mirror,
 * the audit log), which take one writer each; two instances started with the same id (two on one
 * host with the default, the host name) would write over each other's lines, so the second one
 * stops at start-up instead.
 */
public final class InstanceLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private InstanceLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws DataDirectory.UnusableDataDirectoryException when a running instance holds the id
   */
  public static InstanceLock claim(Path dataDir, String instanceId) {
    Path file = dataDir.resolve("instance-" + instanceId + ".lock");
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw taken(dataDir, instanceId, null);
      }
      return new InstanceLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      close(channel);
      throw taken(dataDir, instanceId, e);
    } catch (IOException e) {
      close(channel);
      throw new DataDirectory.UnusableDataDirectoryException(dataDir, "cannot lock " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close(channel);
      throw e;
    }
  }

  private static DataDirectory.UnusableDataDirectoryException taken(Path dataDir, String instanceId, Throwable cause) {
    return new DataDirectory.UnusableDataDirectoryException(
        dataDir,
        "another running instance has the id '" + instanceId
            + "' (TIERSYNC_INSTANCE_ID, default: the host name); give each instance sharing it an id of its own",
        cause);
  }

  private static void close(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing held yet.
      }
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
