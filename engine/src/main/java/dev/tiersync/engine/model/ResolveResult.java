package dev.tiersync.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What resolving one conflicted artifact did: its result (the version before is kept in the
 * history store, so nothing is lost) and the files that still hold conflict markers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResolveResult(ArtifactResult result, List<String> unresolvedFiles) {
  public ResolveResult {
    unresolvedFiles = unresolvedFiles == null ? List.of() : List.copyOf(unresolvedFiles);
  }

  /**
   * Whether a resolve that ended in {@code result} moved the edge's records (the project's
   * tracking entry, the collection's lock entry): it did unless it wrote nothing, or accepted
   * hand edits that still hold markers, or had no incoming version to record. A chosen result
   * ({@link ArtifactPlan#resultHash()}) writes whatever the strategy. Pure: workflows
   * decide by it what a project's host records after a resolve in the collection.
   *
   * @param conflicted the plan of the sync that left the conflict
   */
  public static boolean movesRecords(
      MergeStrategy strategy, ArtifactPlan conflicted, ArtifactResult result) {
    return switch (result.outcome()) {
      case SKIPPED, ERROR, UNCHANGED -> false;
      case CONFLICT -> strategy != MergeStrategy.AUTO || conflicted.resultHash() != null;
      default -> strategy != MergeStrategy.AUTO || conflicted.sourceHash() != null;
    };
  }
}
