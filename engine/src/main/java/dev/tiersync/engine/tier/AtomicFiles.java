package dev.tiersync.engine.tier;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Replaces a file's content atomically: the bytes go to a temp file in the same folder, which is
 * fsynced and then renamed over the target, and the folder is fsynced where the platform allows.
 * Readers see the old content or the new one, never a partial file, and a failed write leaves no
 * temp file behind.
 */
public final class AtomicFiles {
  /** Streams the new content of a file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code target}, creating missing parent folders. A new file is private
   * to its owner; a rewritten one keeps its permissions.
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /**
   * Writes {@code bytes} to {@code target}, creating missing parent folders. A new file gets {@code
   * newFilePermissions} (where the file system has POSIX permissions); a rewritten one keeps its
   * own.
   */
  public static void write(Path target, byte[] bytes, Set<PosixFilePermission> newFilePermissions)
      throws IOException {
    write(target, out -> out.write(bytes), newFilePermissions);
  }

  /**
   * Writes what {@code content} produces to {@code target}, creating missing parent folders. If
   * {@code content} throws, the target keeps its old content and the exception propagates. A new
   * file is private to its owner; a rewritten one keeps its permissions.
   */
  public static void write(Path target, Content content) throws IOException {
    write(target, content, null);
  }

  /**
   * Writes what {@code content} produces to {@code target}, creating missing parent folders. A new
   * file gets {@code newFilePermissions} (null: private to its owner); a rewritten one keeps its
   * own.
   */
  public static void write(
      Path target, Content content, Set<PosixFilePermission> newFilePermissions)
      throws IOException {
    if (Files.isSymbolicLink(target)) {
      // Renaming over a link would replace it; a linked file (e.g. kept in a dotfiles repo) is
      // rewritten where it really lives.
      target = target.toRealPath();
    }
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // A dot-prefixed name keeps the temp file out of artifact listings while it exists.
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      setPermissions(target, temp, newFilePermissions);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    syncFolder(dir);
  }

  /**
   * Removes temp files a write of {@code target} left behind when its process was killed between
   * creating and renaming them. Only for a caller that holds the target's writer lock ({@link
   * TierWriteLock}): then no other write of the target is under way, so every such file is stale.
   *
   * @return how many were removed
   */
  public static int removeStaleTemps(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return 0;
    }
    String prefix = "." + target.getFileName() + ".";
    int removed = 0;
    try (var stale =
        Files.newDirectoryStream(
            dir,
            p -> {
              String n = p.getFileName().toString();
              return n.startsWith(prefix) && n.endsWith(".tmp");
            })) {
      for (Path p : stale) {
        if (Files.deleteIfExists(p)) {
          removed++;
        }
      }
    }
    return removed;
  }

  /**
   * The temp file is created private; a rewrite must not change who may read the target, and a new
   * file gets the permissions asked for, if any.
   */
  private static void setPermissions(
      Path target, Path temp, Set<PosixFilePermission> newFilePermissions) throws IOException {
    PosixFileAttributeView from =
        Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (from == null) {
      return;
    }
    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      Files.setPosixFilePermissions(temp, from.readAttributes().permissions());
    } else if (newFilePermissions != null) {
      Files.setPosixFilePermissions(temp, newFilePermissions);
    }
  }

  /** Makes the rename durable; Windows cannot open a folder for fsync, so it is skipped there. */
  private static void syncFolder(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not supported on this platform or file system: the rename itself is still atomic.
    }
  }
}
