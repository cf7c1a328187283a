package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.GitFileModes;
import dev.tiersync.engine.diff.FileDiff;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.Patch;
import org.eclipse.jgit.patch.PatchApplier;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Tries an artifact's patch against the upstream head tree, file by file, and predicts what {@code
 * git apply} at that head would say, without a checkout and without writing to the mirror.
 *
 * <p>Most files are decided from the tree alone: a file the head still has exactly as at the base
 * takes the patch as it is; an added file the head already has, or a changed file the head lost,
 * fails as it would in git. Only a text file changed on both sides needs its hunks applied; JGit's
 * {@link PatchApplier} does that in memory, and {@link HunkAnchors} adds the placement rules it
 * leaves out. JGit compares lines without their line ends (it normalises CRLF files and ignores a
 * missing final newline), so a head version with CRLF lines or without a final newline, and
 * anything JGit cannot parse, goes to {@code git apply --check} on a scratch copy of the one file,
 * or is reported unchecked when git is not installed.
 */
final class TrialApplier {
  /** Where one file's section lies in the artifact's patch file. */
  record Section(PatchedFile file, long offset, long length) {}

  private final GitProcess git;

  TrialApplier(GitProcess git) {
    this.git = git;
  }

  /**
   * Tries {@code sections} of {@code patchFile} against {@code head} in the bare {@code mirror}.
   *
   * @param scratch a folder for the git fallback's scratch copies
   */
  TrialApplyResult trial(
      Repository mirror,
      ObjectId headCommit,
      RevTree head,
      Path patchFile,
      List<Section> sections,
      Path scratch)
      throws IOException {
    List<TrialIssue> conflicts = new ArrayList<>();
    List<TrialIssue> unchecked = new ArrayList<>();
    try (ObjectReader reader = mirror.newObjectReader()) {
      for (Section s : sections) {
        Outcome o = check(mirror, reader, head, patchFile, s, scratch);
        if (o.status == TrialApply.CONFLICT) {
          conflicts.add(new TrialIssue(s.file().path(), o.reason));
        } else if (o.status == TrialApply.UNKNOWN) {
          unchecked.add(new TrialIssue(s.file().path(), o.reason));
        }
      }
    }
    TrialApply status =
        !conflicts.isEmpty()
            ? TrialApply.CONFLICT
            : !unchecked.isEmpty() ? TrialApply.UNKNOWN : TrialApply.CLEAN;
    return new TrialApplyResult(status, headCommit.name(), conflicts, unchecked);
  }

  private record Outcome(TrialApply status, String reason) {
    static final Outcome CLEAN = new Outcome(TrialApply.CLEAN, null);

    static Outcome conflict(String reason) {
      return new Outcome(TrialApply.CONFLICT, reason);
    }
  }

  /** What the head tree holds at a path. */
  private record HeadEntry(org.eclipse.jgit.lib.FileMode mode, ObjectId id) {
    boolean isTree() {
      return mode == org.eclipse.jgit.lib.FileMode.TREE;
    }

    boolean isSymlink() {
      return mode == org.eclipse.jgit.lib.FileMode.SYMLINK;
    }

    boolean isFile() {
      return GitFileModes.fromGit(mode).isPresent();
    }
  }

  private Outcome check(
      Repository mirror, ObjectReader reader, RevTree head, Path patchFile, Section s, Path scratch)
      throws IOException {
    PatchedFile f = s.file();
    HeadEntry at = lookup(reader, head, f.path());
    if (f.status() == FileDiff.Status.ADDED) {
      if (at != null) {
        return Outcome.conflict(
            at.isTree() ? "a folder of this name exists upstream" : "already exists upstream");
      }
      String blocker = fileAbove(reader, head, f.path());
      return blocker == null
          ? Outcome.CLEAN
          : Outcome.conflict("upstream has a file at " + blocker + ", where this needs a folder");
    }
    if (at == null) {
      return Outcome.conflict("deleted upstream since the base");
    }
    if (!at.isFile()) {
      return Outcome.conflict("is no longer a file upstream");
    }
    if (at.isSymlink() != (f.oldMode() == FileMode.SYMLINK)) {
      return Outcome.conflict("changed between file and symlink upstream since the base");
    }
    if (at.id().name().equals(f.oldBlobId())) {
      // Unchanged upstream: the patch was made against exactly these bytes.
      return Outcome.CLEAN;
    }
    if (f.status() == FileDiff.Status.REMOVED || f.typeChanged()) {
      return Outcome.conflict(
          "changed upstream since the base; the patch removes the base version");
    }
    if (!f.contentChanged()) {
      // A mode-only patch applies whatever the bytes are; git apply only warns about the mode.
      return Outcome.CLEAN;
    }
    if (f.binary()) {
      return Outcome.conflict("binary file changed upstream since the base");
    }
    byte[] section = read(patchFile, s);
    byte[] headBytes = reader.open(at.id(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
    if (RawText.isCrLfText(headBytes)) {
      return withGit(reader, at, f.path(), section, scratch, "it has CRLF line endings");
    }
    if (headBytes.length > 0 && headBytes[headBytes.length - 1] != '\n') {
      return withGit(reader, at, f.path(), section, scratch, "it lacks a final newline upstream");
    }
    Outcome o = withJGit(mirror, head, section, headBytes);
    return o != null
        ? o
        : withGit(reader, at, f.path(), section, scratch, "JGit could not apply its patch");
  }

  /**
   * Applies one file's section in memory, then checks the placement rules JGit leaves out; null
   * when JGit cannot judge it.
   */
  private static Outcome withJGit(
      Repository mirror, RevTree head, byte[] section, byte[] headBytes) {
    Patch patch = new Patch();
    try {
      patch.parse(new ByteArrayInputStream(section));
      if (!patch.getErrors().isEmpty() || patch.getFiles().size() != 1) {
        return null;
      }
      try (IdOnlyInserter inserter = new IdOnlyInserter(mirror)) {
        PatchApplier.Result r = new PatchApplier(mirror, head, inserter).applyPatch(patch);
        if (!r.getErrors().isEmpty()) {
          return Outcome.conflict(
              "the lines it changes were changed upstream since the base ("
                  + r.getErrors().get(0)
                  + ")");
        }
        return HunkAnchors.hold(patch.getFiles().get(0), headBytes)
            ? Outcome.CLEAN
            : Outcome.conflict(
                "the start or end of the file it changes was changed upstream since the base");
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code git apply --check} against a scratch copy of the head's version of the one file. */
  private Outcome withGit(
      ObjectReader reader,
      HeadEntry at,
      String path,
      byte[] section,
      Path scratch,
      String whyNotJGit)
      throws IOException {
    if (!git.available()) {
      return new Outcome(
          TrialApply.UNKNOWN,
          "not checked: " + whyNotJGit + " and no git binary was found for git apply --check");
    }
    try (ScratchDir dir = ScratchDir.createIn(scratch, "trial-")) {
      Path work = dir.path().resolve("work");
      GitProcess.Run init = git.run(dir.path(), "init", "-q", work.toString());
      if (init.exitCode() != 0) {
        return new Outcome(TrialApply.UNKNOWN, "git init failed: " + firstLine(init.stderr()));
      }
      Path target = work.resolve(EntryNames.requireSafe(path));
      Files.createDirectories(target.getParent());
      ObjectLoader blob = reader.open(at.id(), Constants.OBJ_BLOB);
      if (at.isSymlink()) {
        Files.createSymbolicLink(
            target, Path.of(new String(blob.getBytes(), StandardCharsets.UTF_8)));
      } else {
        try (OutputStream out = Files.newOutputStream(target)) {
          blob.copyTo(out);
        }
        if (at.mode() == org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE) {
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
      Path patch = dir.path().resolve("file.patch");
      Files.write(patch, section);
      GitProcess.Run r = git.run(work, "apply", "--check", patch.toString());
      return r.exitCode() == 0
          ? Outcome.CLEAN
          : Outcome.conflict("git apply --check: " + firstLine(r.stderr()));
    }
  }

  private static HeadEntry lookup(ObjectReader reader, RevTree tree, String path)
      throws IOException {
    try (TreeWalk tw = TreeWalk.forPath(reader, path, tree)) {
      return tw == null ? null : new HeadEntry(tw.getFileMode(0), tw.getObjectId(0));
    }
  }

  /**
   * The first proper prefix of {@code path} that the head holds as something other than a folder.
   */
  private static String fileAbove(ObjectReader reader, RevTree tree, String path)
      throws IOException {
    int slash = path.indexOf('/');
    while (slash > 0) {
      String prefix = path.substring(0, slash);
      HeadEntry e = lookup(reader, tree, prefix);
      if (e == null) {
        return null;
      }
      if (!e.isTree()) {
        return prefix;
      }
      slash = path.indexOf('/', slash + 1);
    }
    return null;
  }

  private static byte[] read(Path patchFile, Section s) throws IOException {
    if (s.length() > Integer.MAX_VALUE - 8) {
      throw new IOException("patch of " + s.file().path() + " is too large to trial-apply");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) s.length());
    try (FileChannel ch = FileChannel.open(patchFile)) {
      while (buf.hasRemaining()) {
        if (ch.read(buf, s.offset() + buf.position()) < 0) {
          throw new IOException("patch file ended early");
        }
      }
    }
    return buf.array();
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
