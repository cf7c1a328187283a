package dev.tiersync.workflows.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What a sync will do to one artifact. Versions are named by content hash; their contents live in
 * the history store.
 *
 * @param action create, update, merge, conflict, none or skip
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArtifactPlan(
    String artifactId,
    String action,
    String reason,
    Strategy strategy,
    String sourceHash,
    String destinationHash,
    String baseHash,
    String mergedHash,
    List<String> filesAdded,
    List<String> filesRemoved,
    List<String> filesModified,
    List<ConflictFile> conflicts,
    String upstreamSha,
    String upstreamRef) {

  public ArtifactPlan {
    filesAdded = filesAdded == null ? List.of() : List.copyOf(filesAdded);
    filesRemoved = filesRemoved == null ? List.of() : List.copyOf(filesRemoved);
    filesModified = filesModified == null ? List.of() : List.copyOf(filesModified);
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
  }

  public boolean skipped() {
    return "skip".equals(action);
  }
}
