package dev.tiersync.engine.apply;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a version of an artifact into a fresh staging folder (or file, for a single-file
 * artifact) with every file forced to disk, modes set and symlinks checked to stay inside.
 */
final class ArtifactStaging {
  private ArtifactStaging() {}

  /** Writes {@code version} at {@code staging}, which must not exist yet. */
  static void stage(Path staging, ArtifactTree version) throws IOException {
    if (version.isSingleFile()) {
      FileEntry only = version.files().values().iterator().next();
      writeEntry(staging, only, staging.getParent());
      return;
    }
    Files.createDirectories(staging);
    for (FileEntry e : version.files().values()) {
      Path dest = SafePaths.resolveInside(staging, e.path());
      Files.createDirectories(dest.getParent());
      writeEntry(dest, e, staging);
    }
    fsyncDirectory(staging);
  }

  private static void writeEntry(Path dest, FileEntry e, Path artifactRoot) throws IOException {
    if (e.mode() == FileMode.SYMLINK) {
      String linkTarget = new String(e.readAll(), StandardCharsets.UTF_8);
      SafePaths.checkSymlink(artifactRoot, dest, linkTarget);
      Files.createSymbolicLink(dest, Path.of(linkTarget));
      return;
    }
    try (InputStream in = e.open();
        FileChannel ch =
            FileChannel.open(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        while (bb.hasRemaining()) {
          ch.write(bb);
        }
      }
      ch.force(true);
    }
    if (e.mode() == FileMode.EXECUTABLE) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dest);
      perms.add(PosixFilePermission.OWNER_EXECUTE);
      perms.add(PosixFilePermission.GROUP_EXECUTE);
      perms.add(PosixFilePermission.OTHERS_EXECUTE);
      Files.setPosixFilePermissions(dest, perms);
    }
  }

  /** Forces a folder's entries to disk where the file system allows it. */
  static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every file system lets a directory be opened for fsync; the rename is still atomic.
    }
  }
}
