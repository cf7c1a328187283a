package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.GitBlobLoader;
import dev.tiersync.engine.content.GitFileModes;
import dev.tiersync.engine.content.KeepOpenOutputStream;
import dev.tiersync.engine.diff.ArtifactDiffer;
import dev.tiersync.engine.diff.ContentKind;
import dev.tiersync.engine.diff.FileDiff;
import dev.tiersync.engine.diff.LineDiff;
import dev.tiersync.engine.diff.UnifiedDiffFormatter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.util.io.BinaryHunkOutputStream;

/**
 * Writes a Git-style patch one file at a time, byte for byte: file contents are never decoded, so
 * any encoding, CRLF lines and missing final newlines survive, and {@code git apply} reproduces the
 * new version exactly.
 *
 * <p>Output follows {@code git diff --full-index --binary}: a {@code diff --git} header, {@code new
 * file mode}, {@code deleted file mode} or {@code old mode}/{@code new mode}, an {@code index} line
 * with full blob ids, then either unified hunks (3 lines of context, Git's line diff) or, for a
 * binary file, a {@code GIT binary patch} with a forward and a reverse literal. A change between a
 * symlink and a file is written as a deletion followed by a creation, as Git does. Paths that need
 * it are C-quoted the way Git quotes them; non-ASCII bytes stay raw ({@code core.quotePath=false}).
 */
public final class GitPatchWriter {
  private static final byte[] EMPTY = new byte[0];
  private static final String ZERO_ID = ObjectId.zeroId().name();
  /** The largest array the JVM allocates: a text version is diffed from one array. */
  private static final long MAX_TEXT_BYTES = Integer.MAX_VALUE - 8;

  private final UnifiedDiffFormatter formatter;

  /** A writer with Git's default context of 3 lines. */
  public GitPatchWriter() {
    this(ArtifactDiffer.CONTEXT_LINES);
  }

  /** A writer with {@code contextLines} lines of context around each hunk. */
  public GitPatchWriter(int contextLines) {
    this.formatter = new UnifiedDiffFormatter(contextLines);
  }

  /**
   * Writes the patch for one file, turning {@code oldFile} into {@code newFile} at {@code path}.
   *
   * @param path the file's path as the patch names it ({@code a/<path>}, {@code b/<path>}), e.g.
   *     relative to a repository root
   * @param oldFile the old version; null when the file is added
   * @param newFile the new version; null when the file is removed
   * @return what the patch does to the file, or null when both versions are equal (nothing is
   *     written then); its {@code archiveEntry} is null
   * @throws IOException if a file cannot be read, or its bytes no longer match its recorded sha256
   */
  public PatchedFile write(String path, FileEntry oldFile, FileEntry newFile, OutputStream out)
      throws IOException {
    if (oldFile == null && newFile == null) {
      throw new IllegalArgumentException("both sides of " + path + " are absent");
    }
    if (oldFile != null && oldFile.sameContent(newFile)) {
      return null;
    }
    Side a = Side.of(oldFile);
    Side b = Side.of(newFile);
    Counts counts;
    if (a != null && b != null && (a.mode == FileMode.SYMLINK) != (b.mode == FileMode.SYMLINK)) {
      counts = section(path, a, null, out).plus(section(path, null, b, out));
    } else {
      counts = section(path, a, b, out);
    }
    FileDiff.Status status =
        a == null
            ? FileDiff.Status.ADDED
            : b == null ? FileDiff.Status.REMOVED : FileDiff.Status.MODIFIED;
    return new PatchedFile(
        path,
        status,
        a == null ? null : a.mode,
        b == null ? null : b.mode,
        counts.binary,
        counts.added,
        counts.removed,
        a == null ? null : a.blobId,
        b == null ? null : b.blobId,
        newFile == null ? null : newFile.sha256(),
        null);
  }

  /**
   * One version of the file. Text is read into memory once, for the line diff; a binary file is
   * only hashed here and streamed again into its literal, so it is never held whole. A version
   * read out of Git ({@link GitBlobLoader}) is named by its object id and needs no digest check;
   * a file's bytes are checked against the sha256 its tree was read with.
   */
  private record Side(FileEntry entry, FileMode mode, String blobId, byte[] text) {
    static Side of(FileEntry e) throws IOException {
      if (e == null) {
        return null;
      }
      String gitId = e.loader() instanceof GitBlobLoader git ? git.gitBlobId() : null;
      MessageDigest sha256 = gitId == null ? ArtifactTree.sha256() : null;
      try (InputStream in = sha256 == null ? e.open() : new DigestInputStream(e.open(), sha256)) {
        byte[] start = in.readNBytes(ContentKind.BINARY_SNIFF_BYTES);
        Side side;
        if (ContentKind.isBinary(start)) {
          if (gitId != null) {
            return new Side(e, e.mode(), gitId, null);
          }
          InputStream all = new SequenceInputStream(new ByteArrayInputStream(start), in);
          side = new Side(e, e.mode(), GitBlobIds.blobId(e.size(), all), null);
        } else {
          byte[] bytes = whole(e, start, in);
          side = new Side(e, e.mode(), gitId != null ? gitId : GitBlobIds.blobId(bytes), bytes);
        }
        if (in.read() >= 0) {
          throw changed(e);
        }
        if (sha256 != null) {
          verify(e, sha256);
        }
        return side;
      } catch (EOFException ex) {
        throw changed(e);
      }
    }

    /** The entry's bytes in one array of its size: {@code start}, then the rest of {@code in}. */
    private static byte[] whole(FileEntry e, byte[] start, InputStream in) throws IOException {
      if (e.size() > MAX_TEXT_BYTES) {
        throw new IOException(e.path() + " is too large to diff (" + e.size() + " bytes)");
      }
      if (e.size() < start.length) {
        throw changed(e);
      }
      byte[] bytes = Arrays.copyOf(start, (int) e.size());
      int rest = bytes.length - start.length;
      if (in.readNBytes(bytes, start.length, rest) != rest) {
        throw changed(e);
      }
      return bytes;
    }

    boolean binary() {
      return text == null;
    }

    long size() {
      return text != null ? text.length : entry.size();
    }

    /** Streams the bytes into {@code out}, checking a file's are still the ones hashed. */
    void copyTo(OutputStream out) throws IOException {
      if (text != null) {
        out.write(text);
        return;
      }
      if (entry.loader() instanceof GitBlobLoader) {
        try (InputStream in = entry.open()) {
          in.transferTo(out);
        }
        return;
      }
      MessageDigest sha256 = ArtifactTree.sha256();
      try (InputStream in = new DigestInputStream(entry.open(), sha256)) {
        if (in.transferTo(out) != entry.size()) {
          throw changed(entry);
        }
      }
      verify(entry, sha256);
    }
  }

  /**
   * The entry's digest was taken when its tree was read; a file edited since then would make the
   * patch and the bundle's copy of the file disagree.
   */
  private static void verify(FileEntry e, MessageDigest sha256) throws IOException {
    if (!HexFormat.of().formatHex(sha256.digest()).equals(e.sha256())) {
      throw changed(e);
    }
  }

  private static IOException changed(FileEntry e) {
    return new IOException(e.path() + " changed while the patch was being written; retry");
  }

  private record Counts(boolean binary, int added, int removed) {
    Counts plus(Counts o) {
      return new Counts(binary || o.binary, added + o.added, removed + o.removed);
    }
  }

  private Counts section(String path, Side a, Side b, OutputStream out) throws IOException {
    byte[] oldName = GitPathQuoting.quote("a/" + path);
    byte[] newName = GitPathQuoting.quote("b/" + path);
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    ascii(h, "diff --git ");
    h.writeBytes(oldName);
    h.write(' ');
    h.writeBytes(newName);
    h.write('\n');
    if (a == null) {
      ascii(h, "new file mode " + GitFileModes.octal(b.mode) + "\n");
    } else if (b == null) {
      ascii(h, "deleted file mode " + GitFileModes.octal(a.mode) + "\n");
    } else if (a.mode != b.mode) {
      ascii(h, "old mode " + GitFileModes.octal(a.mode) + "\n");
      ascii(h, "new mode " + GitFileModes.octal(b.mode) + "\n");
    }
    boolean contentChanged = a == null || b == null || !a.blobId.equals(b.blobId);
    if (contentChanged) {
      ascii(
          h, "index " + (a == null ? ZERO_ID : a.blobId) + ".." + (b == null ? ZERO_ID : b.blobId));
      if (a != null && b != null && a.mode == b.mode) {
        ascii(h, " " + GitFileModes.octal(a.mode));
      }
      h.write('\n');
    }
    h.writeTo(out);
    if (!contentChanged) {
      return new Counts(false, 0, 0);
    }
    if ((a != null && a.binary()) || (b != null && b.binary())) {
      ascii(out, "GIT binary patch\n");
      literal(b, out);
      literal(a, out);
      return new Counts(true, 0, 0);
    }
    LineDiff diff = LineDiff.of(a == null ? EMPTY : a.text, b == null ? EMPTY : b.text);
    // Git leaves out the ---/+++ lines when there is no hunk (an empty file added or removed).
    if (!diff.isEmpty()) {
      ByteArrayOutputStream hunks = new ByteArrayOutputStream();
      label(hunks, "--- ", a == null ? null : oldName);
      label(hunks, "+++ ", b == null ? null : newName);
      formatter.writeHunks(diff, hunks);
      hunks.writeTo(out);
    }
    return new Counts(false, diff.linesAdded(), diff.linesRemoved());
  }

  /** A {@code ---}/{@code +++} line; like Git, a name holding a space is closed by a tab. */
  private static void label(ByteArrayOutputStream out, String prefix, byte[] name) {
    ascii(out, prefix);
    if (name == null) {
      ascii(out, "/dev/null\n");
      return;
    }
    out.writeBytes(name);
    for (byte c : name) {
      if (c == ' ') {
        out.write('\t');
        break;
      }
    }
    out.write('\n');
  }

  /**
   * One {@code literal <size>} hunk: the zlib-deflated bytes (at Git's default level, so the text
   * equals Git's) in Git's base85 lines, then a blank line. An absent side is {@code literal 0}.
   */
  private static void literal(Side side, OutputStream out) throws IOException {
    ascii(out, "literal " + (side == null ? 0 : side.size()) + "\n");
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    // Closing the encoder must not close the patch it writes into.
    OutputStream hunk = new BinaryHunkOutputStream(new KeepOpenOutputStream(out));
    try (DeflaterOutputStream z = new DeflaterOutputStream(hunk, deflater, 8192)) {
      if (side != null) {
        side.copyTo(z);
      }
    } finally {
      deflater.end();
    }
    out.write('\n');
  }

  private static void ascii(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }
}
