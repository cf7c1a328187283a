package dev.tiersync.engine.diff;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.GitFileModes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares two versions of an artifact file by file. Either side may be absent (the artifact is
 * missing in that tier). Inline unified text is kept only while the whole diff stays within
 * {@code previewMaxBytes}; above it every file keeps its counts but loses its text, and the
 * result says why, so the caller can offer the full diff for download instead.
 */
public final class ArtifactDiffer {
  /** Context lines around each hunk, as Git's default. */
  public static final int CONTEXT_LINES = 3;

  private final long previewMaxBytes;
  private final UnifiedDiffFormatter formatter = new UnifiedDiffFormatter(CONTEXT_LINES);

  public ArtifactDiffer(long previewMaxBytes) {
    if (previewMaxBytes < 0) {
      throw new IllegalArgumentException("previewMaxBytes must be >= 0");
    }
    this.previewMaxBytes = previewMaxBytes;
  }

  /** Diffs {@code lhs} (old) against {@code rhs} (new); null means absent. */
  public ArtifactDiff diff(ArtifactTree lhs, ArtifactTree rhs) {
    TreeSet<String> paths = new TreeSet<>(ArtifactTree::comparePaths);
    if (lhs != null) {
      paths.addAll(lhs.files().keySet());
    }
    if (rhs != null) {
      paths.addAll(rhs.files().keySet());
    }
    List<FileDiff> files = new ArrayList<>(paths.size());
    long textBytes = 0;
    int added = 0;
    int removed = 0;
    int modified = 0;
    int linesAdded = 0;
    int linesRemoved = 0;
    for (String path : paths) {
      FileDiff f =
          diffFile(
              path,
              lhs == null ? null : lhs.file(path),
              rhs == null ? null : rhs.file(path),
              "a/",
              "b/");
      files.add(f);
      switch (f.status()) {
        case ADDED -> added++;
        case REMOVED -> removed++;
        case MODIFIED -> modified++;
        default -> {}
      }
      linesAdded += f.linesAdded();
      linesRemoved += f.linesRemoved();
      if (f.unifiedDiff() != null) {
        textBytes += f.unifiedDiff().length();
      }
    }
    boolean truncated = textBytes > previewMaxBytes;
    String reason = null;
    if (truncated) {
      reason =
          "diff text is "
              + textBytes
              + " bytes, above the inline preview limit of "
              + previewMaxBytes
              + " bytes (SYNC_DIFF_PREVIEW_MAX); download the full diff";
      files.replaceAll(FileDiff::withoutText);
    }
    return new ArtifactDiff(
        List.copyOf(files),
        new ArtifactDiff.Summary(added, removed, modified, linesAdded, linesRemoved),
        truncated,
        reason);
  }

  /**
   * The full diff of two versions as one Git-style patch ({@code diff --git} headers, modes,
   * hunks), with no size guard, as text. Use {@link #fullPatchBytes} where the bytes must be exact
   * (files that are not UTF-8).
   */
  public static String fullPatch(
      ArtifactTree lhs, ArtifactTree rhs, String oldPrefix, String newPrefix) {
    return new String(fullPatchBytes(lhs, rhs, oldPrefix, newPrefix), StandardCharsets.UTF_8);
  }

  /**
   * The full diff of two versions as one Git-style patch, byte for byte: file contents are never
   * decoded. Paths are written as {@code oldPrefix + path} and {@code newPrefix + path}.
   */
  public static byte[] fullPatchBytes(
      ArtifactTree lhs, ArtifactTree rhs, String oldPrefix, String newPrefix) {
    UnifiedDiffFormatter formatter = new UnifiedDiffFormatter(CONTEXT_LINES);
    TreeSet<String> paths = new TreeSet<>(ArtifactTree::comparePaths);
    if (lhs != null) {
      paths.addAll(lhs.files().keySet());
    }
    if (rhs != null) {
      paths.addAll(rhs.files().keySet());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String path : paths) {
      FileEntry a = lhs == null ? null : lhs.file(path);
      FileEntry b = rhs == null ? null : rhs.file(path);
      if (a != null && a.sameContent(b)) {
        continue;
      }
      FileDiff.Status status =
          a == null ? FileDiff.Status.ADDED : b == null ? FileDiff.Status.REMOVED : FileDiff.Status.MODIFIED;
      FileDiff meta =
          new FileDiff(path, status, false, 0, 0, a == null ? null : a.mode(), b == null ? null : b.mode(),
              null, null, 0, 0, false, null);
      utf8(out, header(meta, oldPrefix, newPrefix));
      byte[] oldBytes = read(a);
      byte[] newBytes = read(b);
      if (ContentKind.isBinary(oldBytes) || ContentKind.isBinary(newBytes)) {
        utf8(out, "Binary files " + (a == null ? "/dev/null" : oldPrefix + path) + " and "
            + (b == null ? "/dev/null" : newPrefix + path) + " differ\n");
      } else if (!java.util.Arrays.equals(oldBytes, newBytes)) {
        utf8(out, "--- " + (a == null ? "/dev/null" : oldPrefix + path) + "\n");
        utf8(out, "+++ " + (b == null ? "/dev/null" : newPrefix + path) + "\n");
        formatter.writeHunks(LineDiff.of(oldBytes, newBytes), out);
      }
    }
    return out.toByteArray();
  }

  private static void utf8(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private FileDiff diffFile(
      String path, FileEntry a, FileEntry b, String oldPrefix, String newPrefix) {
    FileDiff.Status status;
    if (a == null) {
      status = FileDiff.Status.ADDED;
    } else if (b == null) {
      status = FileDiff.Status.REMOVED;
    } else if (a.sameContent(b)) {
      status = FileDiff.Status.UNCHANGED;
    } else {
      status = FileDiff.Status.MODIFIED;
    }
    byte[] oldBytes = read(a);
    byte[] newBytes = read(b);
    boolean binary = ContentKind.isBinary(oldBytes) || ContentKind.isBinary(newBytes);
    int plus = 0;
    int minus = 0;
    String text = null;
    boolean eolOnly = false;
    if (status != FileDiff.Status.UNCHANGED && !binary) {
      LineDiff d = LineDiff.of(oldBytes, newBytes);
      plus = d.linesAdded();
      minus = d.linesRemoved();
      eolOnly = LineDiff.isLineEndingOnlyChange(oldBytes, newBytes);
      ByteArrayOutputStream hunks = new ByteArrayOutputStream();
      hunks.writeBytes(
          ("--- " + (a == null ? "/dev/null" : oldPrefix + path) + "\n").getBytes(StandardCharsets.UTF_8));
      hunks.writeBytes(
          ("+++ " + (b == null ? "/dev/null" : newPrefix + path) + "\n").getBytes(StandardCharsets.UTF_8));
      formatter.writeHunks(d, hunks);
      text = hunks.toString(StandardCharsets.UTF_8);
    }
    return new FileDiff(
        path,
        status,
        binary,
        plus,
        minus,
        a == null ? null : a.mode(),
        b == null ? null : b.mode(),
        a == null ? null : a.sha256(),
        b == null ? null : b.sha256(),
        a == null ? 0 : a.size(),
        b == null ? 0 : b.size(),
        eolOnly,
        text);
  }

  private static String header(FileDiff f, String oldPrefix, String newPrefix) {
    StringBuilder h = new StringBuilder();
    h.append("diff --git ")
        .append(oldPrefix)
        .append(f.path())
        .append(' ')
        .append(newPrefix)
        .append(f.path())
        .append('\n');
    if (f.status() == FileDiff.Status.ADDED) {
      h.append("new file mode ").append(GitFileModes.octal(f.newMode())).append('\n');
    } else if (f.status() == FileDiff.Status.REMOVED) {
      h.append("deleted file mode ").append(GitFileModes.octal(f.oldMode())).append('\n');
    } else if (f.modeChanged()) {
      h.append("old mode ").append(GitFileModes.octal(f.oldMode())).append('\n');
      h.append("new mode ").append(GitFileModes.octal(f.newMode())).append('\n');
    }
    return h.toString();
  }

  private static byte[] read(FileEntry e) {
    if (e == null) {
      return new byte[0];
    }
    try {
      return e.readAll();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + e.path(), ex);
    }
  }
}
