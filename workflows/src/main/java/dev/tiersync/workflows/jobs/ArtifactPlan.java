package dev.tiersync.workflows.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What a sync will do to one artifact. Versions are named by content hash; their contents live in
 * the history store.
 *
 * @param action create, update, merge, conflict, none, skip, or {@link #ERROR} for an artifact that
 *     cannot be synced (then {@code reason} says why)
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

  /** The action of an artifact that cannot be synced; it is never applied. */
  public static final String ERROR = "error";

  /** The plan of an artifact that cannot be synced, and why. */
  public static ArtifactPlan failed(String artifactId, String reason, Strategy strategy) {
    return new ArtifactPlan(
        artifactId, ERROR, reason, strategy, null, null, null, null, null, null, null, null, null, null);
  }

  public boolean failed() {
    return ERROR.equals(action);
  }

  public boolean skipped() {
    return "skip".equals(action);
  }
}
