package dev.tiersync.engine.merge;

import dev.tiersync.engine.content.ArtifactTree;
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
}
