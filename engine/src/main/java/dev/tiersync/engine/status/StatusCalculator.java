package dev.tiersync.engine.status;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.diff.ContentKind;
import dev.tiersync.engine.merge.ArtifactMerger;
import dev.tiersync.engine.merge.TextMerge;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.model.MergeStrategy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes an edge's status exactly as the SPEC section 4 table says. Versions are compared by
 * content hash; file contents are read only to look for conflict markers (cached by the file's
 * digest, so a warm check reads nothing) and, when both sides changed, to try the merge that
 * separates {@code diverged} from {@code conflict}.
 */
public final class StatusCalculator {
  private final ConcurrentHashMap<String, Boolean> markersByDigest = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Boolean> markersByTree = new ConcurrentHashMap<>();

  /**
   * @param source the incoming tier's version, null if the source no longer has the artifact
   * @param target the destination tier's version, null if it has no copy
   * @param base the edge's merge base, null if unknown
   */
  public EdgeStatus edge(ArtifactTree source, ArtifactTree target, ArtifactTree base) {
    return edge(source, target, base, null);
  }

  /**
   * {@link #edge(ArtifactTree, ArtifactTree, ArtifactTree)} for an artifact of a known type, so
   * that the trial merge treats its front matter as a sync would ({@link ArtifactMerger}).
   */
  public EdgeStatus edge(
      ArtifactTree source, ArtifactTree target, ArtifactTree base, ArtifactType type) {
    String s = source == null ? null : source.contentHash();
    String t = target == null ? null : target.contentHash();
    String b = base == null ? null : base.contentHash();
    if (target == null) {
      return source == null
          ? new EdgeStatus(SyncStatus.REMOVED, null, null, b, "neither tier has the artifact")
          : new EdgeStatus(SyncStatus.MISSING, s, null, b, "target has no copy");
    }
    if (hasMarkers(target)) {
      return new EdgeStatus(SyncStatus.CONFLICT, s, t, b, "target holds unresolved conflict markers");
    }
    if (source == null) {
      return new EdgeStatus(SyncStatus.REMOVED, null, t, b, "source no longer has the artifact");
    }
    if (s.equals(t)) {
      return new EdgeStatus(SyncStatus.SYNCED, s, t, b, "same content");
    }
    if (b == null) {
      return new EdgeStatus(
          SyncStatus.CONFLICT, s, t, null, "versions differ and no merge base is known");
    }
    boolean sourceChanged = !s.equals(b);
    boolean targetChanged = !t.equals(b);
    if (sourceChanged && !targetChanged) {
      return new EdgeStatus(SyncStatus.OUTDATED, s, t, b, "source changed since the base");
    }
    if (!sourceChanged) {
      return new EdgeStatus(SyncStatus.MODIFIED, s, t, b, "target has local edits");
    }
    boolean clean =
        new ArtifactMerger(new TextMerge.Labels("target", "base", "source"), type)
            .merge(base, target, source, MergeStrategy.AUTO)
            .clean();
    return clean
        ? new EdgeStatus(SyncStatus.DIVERGED, s, t, b, "both changed; a three-way merge is clean")
        : new EdgeStatus(SyncStatus.CONFLICT, s, t, b, "both changed; a three-way merge conflicts");
  }

  /**
   * Whether any text file of the version holds unresolved conflict markers. Remembered by the
   * version's content hash (a fleet read asks this of 11,000 versions, mostly the same): the hash
   * names each path's digest, which is all the answer depends on, except which entries are links
   * (never scanned), so a version holding a link is not remembered.
   */
  public boolean hasMarkers(ArtifactTree tree) {
    for (FileEntry e : tree.files().values()) {
      if (e.mode() == FileMode.SYMLINK) {
        return anyMarkers(tree);
      }
    }
    return markersByTree.computeIfAbsent(tree.contentHash(), k -> anyMarkers(tree));
  }

  private boolean anyMarkers(ArtifactTree tree) {
    for (FileEntry e : tree.files().values()) {
      if (hasMarkers(e)) {
        return true;
      }
    }
    return false;
  }

  /** Whether one file is text holding unresolved conflict markers (cached by its digest). */
  public boolean hasMarkers(FileEntry e) {
    return e.mode() != FileMode.SYMLINK && markersByDigest.computeIfAbsent(e.sha256(), k -> scan(e));
  }

  private static boolean scan(FileEntry e) {
    // Streamed: an artifact may hold files larger than the heap.
    try (InputStream in = e.open()) {
      byte[] head = in.readNBytes(ContentKind.BINARY_SNIFF_BYTES);
      return !ContentKind.isBinary(head)
          && ContentKind.hasConflictMarkers(
              new SequenceInputStream(new ByteArrayInputStream(head), in));
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + e.path(), ex);
    }
  }

  /** The overall badge: the more severe of the two edges (either may be null). */
  public static SyncStatus overall(EdgeStatus upstreamToCollection, EdgeStatus collectionToProject) {
    return SyncStatus.worst(
        upstreamToCollection == null ? null : upstreamToCollection.status(),
        collectionToProject == null ? null : collectionToProject.status());
  }
}
