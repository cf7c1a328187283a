package dev.tiersync.engine.merge;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of merging an artifact: the version to write into the destination (null when the
 * artifact is to be removed there), what changed relative to the destination's current version,
 * and the conflicts.
 */
public record ArtifactMergeResult(
    ArtifactTree merged,
    List<String> filesAdded,
    List<String> filesRemoved,
    List<String> filesModified,
    List<MergeConflict> conflicts) {

  public boolean clean() {
    return conflicts.isEmpty();
  }

  /** Whether applying the result would leave the destination as it is. */
  public boolean unchanged() {
    return filesAdded.isEmpty() && filesRemoved.isEmpty() && filesModified.isEmpty();
  }

  /**
   * The result of writing {@code after} over {@code before} (either null: no version), with what
   * that adds, removes and changes, file by file.
   */
  public static ArtifactMergeResult of(
      ArtifactTree before, ArtifactTree after, List<MergeConflict> conflicts) {
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> modified = new ArrayList<>();
    if (after != null) {
      for (FileEntry e : after.files().values()) {
        FileEntry prev = before == null ? null : before.file(e.path());
        if (prev == null) {
          added.add(e.path());
        } else if (!prev.sameContent(e)) {
          modified.add(e.path());
        }
      }
    }
    if (before != null) {
      for (String p : before.files().keySet()) {
        if (after == null || after.file(p) == null) {
          removed.add(p);
        }
      }
    }
    return new ArtifactMergeResult(
        after, List.copyOf(added), List.copyOf(removed), List.copyOf(modified), List.copyOf(conflicts));
  }
}
