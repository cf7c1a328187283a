package dev.tiersync.engine.history;

import dev.tiersync.engine.apply.SafePaths;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.KeepOpenOutputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A version as a tar stream, the form in which versions travel between the server's history store
 * and a host agent ({@code GET/PUT /api/v1/objects/{hash}}, docs/agents.md). Its entries are the
 * version's files in path order: regular files with mode 0644 or 0755, and symbolic links whose
 * link name is the target. Folders are implied by the paths; no other entry type is written or
 * accepted.
 *
 * <p>Reading never trusts the sender: names must be plain relative paths ({@link
 * SafePaths#requireRelative}), each at most once, and the content is bounded; files are streamed to
 * a staging folder, not held in memory. The caller compares the result's {@link
 * ArtifactTree#contentHash()} with the name it was sent under.
 */
public final class VersionArchive {
  private static final int REGULAR = 0100644;
  private static final int EXECUTABLE = 0100755;
  /** The size of a tar record's header. */
  private static final int HEADER = 512;

  private VersionArchive() {}

  /** Thrown for a stream that is not a version archive, or one over the size bound. */
  public static final class InvalidArchiveException extends IOException {
    public InvalidArchiveException(String message) {
      super(message);
    }
  }

  /** Writes {@code tree} as a tar stream to {@code out} (which stays open). */
  public static void write(ArtifactTree tree, OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(new KeepOpenOutputStream(out), StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    for (FileEntry f : tree.files().values()) {
      if (f.mode() == FileMode.SYMLINK) {
        TarArchiveEntry link = new TarArchiveEntry(f.path(), TarArchiveEntry.LF_SYMLINK);
        link.setLinkName(new String(f.readAll(), StandardCharsets.UTF_8));
        tar.putArchiveEntry(link);
      } else {
        TarArchiveEntry file = new TarArchiveEntry(f.path());
        file.setMode(f.mode() == FileMode.EXECUTABLE ? EXECUTABLE : REGULAR);
        file.setSize(f.size());
        tar.putArchiveEntry(file);
        try (InputStream in = f.open()) {
          in.transferTo(tar);
        }
      }
      tar.closeArchiveEntry();
    }
    tar.finish();
    tar.flush();
  }

  /**
   * Reads a version from a tar stream (and closes it), its files into {@code staging} (an empty
   * folder the caller removes once the version is stored). The shape is a folder's; callers that know the artifact's
   * type restore a single file's with {@link ArtifactTree#withShape}.
   *
   * @param maxBytes the most content (file bytes and link targets) accepted
   * @throws InvalidArchiveException for an unsafe or repeated name, another entry type, a stream
   *     that is not tar, or more than {@code maxBytes} of content
   */
  public static ArtifactTree read(InputStream in, Path staging, long maxBytes) throws IOException {
    List<FileEntry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long total = 0;
    int index = 0;
    BufferedInputStream buffered = new BufferedInputStream(in, HEADER);
    requireTarHeader(buffered);
    try (TarArchiveInputStream tar = new TarArchiveInputStream(buffered, StandardCharsets.UTF_8.name())) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String name = e.getName();
        if (e.isDirectory()) {
          continue;
        }
        try {
          SafePaths.requireRelative(name);
        } catch (SafePaths.UnsafePathException unsafe) {
          throw new InvalidArchiveException(unsafe.getMessage());
        }
        if (!seen.add(name)) {
          throw new InvalidArchiveException("the archive holds '" + name + "' twice");
        }
        if (e.isSymbolicLink()) {
          byte[] target = e.getLinkName().getBytes(StandardCharsets.UTF_8);
          total += target.length;
          requireWithin(total, maxBytes);
          entries.add(new FileEntry(name, FileMode.SYMLINK, target.length, ArtifactTree.sha256Hex(target),
              () -> new ByteArrayInputStream(target)));
        } else if (e.getLinkFlag() == TarArchiveEntry.LF_NORMAL || e.getLinkFlag() == TarArchiveEntry.LF_OLDNORM) {
          total += e.getSize();
          requireWithin(total, maxBytes);
          Path file = staging.resolve(Integer.toString(index++));
          MessageDigest sha = ArtifactTree.sha256();
          long size;
          try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            size = tar.transferTo(out);
          }
          FileMode mode = (e.getMode() & 0100) != 0 ? FileMode.EXECUTABLE : FileMode.REGULAR;
          entries.add(new FileEntry(name, mode, size, HexFormat.of().formatHex(sha.digest()), () -> Files.newInputStream(file)));
        } else {
          throw new InvalidArchiveException("'" + name + "' is neither a file nor a symbolic link");
        }
      }
    } catch (InvalidArchiveException e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidArchiveException("not a tar archive of a version: " + e.getMessage());
    }
    return ArtifactTree.folder(entries);
  }

  /**
   * Looks at the first record: a tar header (ustar, as {@link #write} makes and every tar tool
   * does), or the end-of-archive record of an empty one. Without this, a stream of other bytes reads
   * as an archive with no entries.
   */
  private static void requireTarHeader(BufferedInputStream in) throws IOException {
    in.mark(HEADER);
    byte[] first = in.readNBytes(HEADER);
    in.reset();
    boolean endRecord = first.length == HEADER;
    for (byte b : first) {
      endRecord &= b == 0;
    }
    if (!endRecord && !TarArchiveInputStream.matches(first, first.length)) {
      throw new InvalidArchiveException("not a tar archive of a version: no tar header at its start");
    }
  }

  private static void requireWithin(long total, long maxBytes) throws InvalidArchiveException {
    if (total > maxBytes) {
      throw new InvalidArchiveException("the version holds more than " + maxBytes + " bytes");
    }
  }
}
