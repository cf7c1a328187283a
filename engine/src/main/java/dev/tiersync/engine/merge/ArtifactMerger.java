package dev.tiersync.engine.merge;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.diff.ContentKind;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.model.ConflictKind;
import dev.tiersync.engine.model.MergeStrategy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Merges whole artifacts file by file (SPEC section 5): one side changed, take it; both changed
 * identically, take it; deletions propagate; add/add with different content and delete/modify
 * conflict; text files changed on both sides merge per hunk like {@code git merge-file}; binary
 * files and symlinks changed on both sides conflict and keep the destination's version. Without a
 * base every differing file conflicts.
 *
 * <p>Given the artifact's type, the Markdown file whose YAML front matter Claude Code reads
 * ({@link FrontMatterRules#applies}) merges its front matter key by key ({@link
 * FrontMatterMerge}), and a clean merge of it that both sides changed is checked ({@link
 * FrontMatterRules#problem}): an invalid result is an {@link ConflictKind#INVALID_FRONT_MATTER}
 * conflict that keeps the destination's file.
 *
 * <p>"Ours" is always the destination tier and "theirs" the incoming source tier.
 */
public final class ArtifactMerger {
  private final TextMerge.Labels labels;
  private final ArtifactType type;

  /**
   * A merger that treats every text file as plain text.
   *
   * @param labels marker labels, e.g. {@code ("project", "base", "collection")} for a
   *     collection-to-project sync.
   */
  public ArtifactMerger(TextMerge.Labels labels) {
    this(labels, null);
  }

  /**
   * A merger for artifacts of {@code type} (null: unknown, every text file is plain text).
   *
   * @param labels marker labels, e.g. {@code ("project", "base", "collection")} for a
   *     collection-to-project sync.
   */
  public ArtifactMerger(TextMerge.Labels labels, ArtifactType type) {
    this.labels = Objects.requireNonNull(labels);
    this.type = type;
  }

  /**
   * Merges with a strategy. {@code ours} may be null (the destination lacks the artifact) and
   * {@code base} may be null (no merge base known).
   */
  public ArtifactMergeResult merge(
      ArtifactTree base, ArtifactTree ours, ArtifactTree theirs, MergeStrategy strategy) {
    return switch (strategy) {
      case THEIRS -> ArtifactMergeResult.of(ours, theirs, List.of());
      case OURS -> ArtifactMergeResult.of(ours, ours, List.of());
      case AUTO -> auto(base, ours, theirs);
    };
  }

  private ArtifactMergeResult auto(ArtifactTree base, ArtifactTree ours, ArtifactTree theirs) {
    if (ours == null) {
      return ArtifactMergeResult.of(null, theirs, List.of());
    }
    if (theirs == null) {
      // The source no longer has the artifact; removing it is a decision for the user.
      return ArtifactMergeResult.of(ours, ours, List.of());
    }
    TreeSet<String> paths = new TreeSet<>(ArtifactTree::comparePaths);
    paths.addAll(ours.files().keySet());
    paths.addAll(theirs.files().keySet());
    if (base != null) {
      paths.addAll(base.files().keySet());
    }
    List<FileEntry> merged = new ArrayList<>();
    List<MergeConflict> conflicts = new ArrayList<>();
    for (String path : paths) {
      FileEntry b = base == null ? null : base.file(path);
      FileEntry o = ours.file(path);
      FileEntry t = theirs.file(path);
      FileEntry out = mergeFile(path, base != null, b, o, t, conflicts);
      if (out != null) {
        merged.add(out);
      }
    }
    ArtifactTree tree = merged.isEmpty() ? null : ours.withFiles(merged);
    return ArtifactMergeResult.of(ours, tree, conflicts);
  }

  private FileEntry mergeFile(
      String path,
      boolean haveBase,
      FileEntry b,
      FileEntry o,
      FileEntry t,
      List<MergeConflict> conflicts) {
    if (same(o, t)) {
      return o;
    }
    if (!haveBase) {
      conflicts.add(conflict(path, ConflictKind.NO_BASE, null, o, t));
      if (o != null && t != null && isText(o) && isText(t)) {
        return textMerge(path, new byte[0], o, t);
      }
      return o;
    }
    if (same(o, b)) {
      return t;
    }
    if (same(t, b)) {
      return o;
    }
    // Both sides changed the file, differently.
    if (o == null || t == null) {
      if (b == null) {
        throw new IllegalStateException("a file absent on one side and in the base is unchanged");
      }
      conflicts.add(conflict(path, ConflictKind.DELETE_MODIFY, b, o, t));
      return o != null ? o : t;
    }
    if (!isText(o) || !isText(t) || (b != null && !isText(b))) {
      conflicts.add(conflict(path, ConflictKind.BINARY, b, o, t));
      return o;
    }
    byte[] baseBytes = b == null ? new byte[0] : bytes(b);
    FileMode mode = b != null && o.mode() == b.mode() ? t.mode() : o.mode();
    if (FrontMatterRules.applies(type, path)) {
      return frontMatterMerge(path, mode, baseBytes, b, o, t, conflicts);
    }
    TextMerge.Result r = TextMerge.merge(baseBytes, bytes(o), bytes(t), labels);
    if (!r.clean()) {
      conflicts.add(
          conflict(path, b == null ? ConflictKind.ADD_ADD : ConflictKind.CONTENT, b, o, t));
    }
    return inMemory(path, mode, r.content());
  }

  /**
   * A file whose front matter Claude Code reads: merged key by key, and a clean result checked
   * when any of the three versions has front matter (a file that never had any is left as plain
   * text). An invalid result keeps the destination's file.
   */
  private FileEntry frontMatterMerge(
      String path,
      FileMode mode,
      byte[] baseBytes,
      FileEntry b,
      FileEntry o,
      FileEntry t,
      List<MergeConflict> conflicts) {
    byte[] ours = bytes(o);
    byte[] theirs = bytes(t);
    FrontMatterMerge.Result r = FrontMatterMerge.merge(baseBytes, ours, theirs, labels);
    if (!r.clean()) {
      conflicts.add(
          conflict(path, b == null ? ConflictKind.ADD_ADD : ConflictKind.CONTENT, b, o, t));
      return inMemory(path, mode, r.content());
    }
    boolean hadFrontMatter =
        FrontMatterMerge.hasFrontMatter(baseBytes)
            || FrontMatterMerge.hasFrontMatter(ours)
            || FrontMatterMerge.hasFrontMatter(theirs);
    String problem = hadFrontMatter ? FrontMatterRules.problem(type, path, r.content()) : null;
    if (problem != null) {
      conflicts.add(
          new MergeConflict(
              path, ConflictKind.INVALID_FRONT_MATTER, b == null ? null : b.sha256(), o.sha256(),
              t.sha256(), "the merged " + problem));
      return o;
    }
    return inMemory(path, mode, r.content());
  }

  private FileEntry textMerge(String path, byte[] base, FileEntry o, FileEntry t) {
    TextMerge.Result r = TextMerge.merge(base, bytes(o), bytes(t), labels);
    return inMemory(path, o.mode(), r.content());
  }

  private static boolean same(FileEntry x, FileEntry y) {
    return x == null ? y == null : x.sameContent(y);
  }

  /** Whether a file merges as text: not a symlink, and no binary content. */
  public static boolean isText(FileEntry e) {
    return e.mode() != FileMode.SYMLINK && !ContentKind.isBinary(head(e));
  }

  private static byte[] head(FileEntry e) {
    try (var in = e.open()) {
      return in.readNBytes(ContentKind.BINARY_SNIFF_BYTES);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + e.path(), ex);
    }
  }

  private static byte[] bytes(FileEntry e) {
    try {
      return e.readAll();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + e.path(), ex);
    }
  }

  /** A file entry whose content lives in memory (a merge result). */
  public static FileEntry inMemory(String path, FileMode mode, byte[] content) {
    byte[] copy = content.clone();
    return new FileEntry(
        path, mode, copy.length, ArtifactTree.sha256Hex(copy), () -> new ByteArrayInputStream(copy));
  }

  private static MergeConflict conflict(
      String path, ConflictKind kind, FileEntry b, FileEntry o, FileEntry t) {
    return new MergeConflict(
        path,
        kind,
        b == null ? null : b.sha256(),
        o == null ? null : o.sha256(),
        t == null ? null : t.sha256());
  }

}
