package dev.tiersync.engine.sync;

import dev.tiersync.engine.merge.FileConflict;
import dev.tiersync.engine.merge.MergeStrategy;
import dev.tiersync.engine.model.ArtifactId;
import java.util.List;
import java.util.Locale;

/**
 * What a sync would do to one artifact, computed without writing anything to a tier. Versions are
 * named by content hash and kept in the history store, so a plan is small and can be carried
 * between activities; {@code mergedHash} is the version to write (null when nothing is written).
 */
public record SyncPlan(
    ArtifactId artifactId,
    SyncDirection direction,
    MergeStrategy strategy,
    Action action,
    String reason,
    String sourceHash,
    String destinationHash,
    String baseHash,
    String mergedHash,
    List<String> filesAdded,
    List<String> filesRemoved,
    List<String> filesModified,
    List<FileConflict> conflicts,
    String upstreamSha,
    String upstreamRef) {

  /** What applying the plan does. */
  public enum Action {
    /** The destination lacks the artifact; it is created from the source. */
    CREATE,
    /** The destination is replaced by the source (fast-forward, or strategy theirs). */
    UPDATE,
    /** Both sides changed; the three-way merge result is written. */
    MERGE,
    /** The merge writes conflict markers (or keeps a side for binary/delete conflicts). */
    CONFLICT,
    /** Nothing to write; the edge's base may still advance. */
    NONE,
    /** Not touched, for the reason given. */
    SKIP;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public boolean writes() {
    return action == Action.CREATE
        || action == Action.UPDATE
        || action == Action.MERGE
        || action == Action.CONFLICT;
  }
}
