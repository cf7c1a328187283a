package dev.tiersync.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a sync will do to one artifact, computed without writing anything to a tier; the same
 * record the engine plans, the workflows carry and the job store keeps. Versions are named by
 * content hash and kept in the history store, so a plan is small. The direction is the job's, not
 * the plan's.
 *
 * @param artifactId the artifact's {@code type:name}; for a tier-file entry that names no valid
 *     artifact (action {@link PlanAction#ERROR}), where the entry is
 * @param reason why nothing is written (skip, none) or why the artifact cannot be synced (error);
 *     for a plan that writes, what the user should know first (e.g. that the destination was
 *     rolled back), or null
 * @param mergedHash the version to write; null when nothing is written
 * @param projectPath the project the plan writes, for a job to several projects; null otherwise
 *     (and left out of the JSON, so that single-project payloads stay as they were)
 * @param resultHash for a resolve job only: the stored version holding the chosen result of the
 *     conflicted files (those it lacks are removed); null otherwise, and left out of the JSON
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArtifactPlan(
    String artifactId,
    PlanAction action,
    String reason,
    MergeStrategy strategy,
    String sourceHash,
    String destinationHash,
    String baseHash,
    String mergedHash,
    List<String> filesAdded,
    List<String> filesRemoved,
    List<String> filesModified,
    List<FileConflict> conflicts,
    String upstreamSha,
    String upstreamRef,
    @JsonInclude(JsonInclude.Include.NON_NULL) String projectPath,
    @JsonInclude(JsonInclude.Include.NON_NULL) String resultHash) {

  /** A plan without a chosen result. */
  public ArtifactPlan(
      String artifactId,
      PlanAction action,
      String reason,
      MergeStrategy strategy,
      String sourceHash,
      String destinationHash,
      String baseHash,
      String mergedHash,
      List<String> filesAdded,
      List<String> filesRemoved,
      List<String> filesModified,
      List<FileConflict> conflicts,
      String upstreamSha,
      String upstreamRef,
      String projectPath) {
    this(
        artifactId, action, reason, strategy, sourceHash, destinationHash, baseHash, mergedHash,
        filesAdded, filesRemoved, filesModified, conflicts, upstreamSha, upstreamRef, projectPath,
        null);
  }

  /** A plan that is not one project's of several. */
  public ArtifactPlan(
      String artifactId,
      PlanAction action,
      String reason,
      MergeStrategy strategy,
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
    this(
        artifactId, action, reason, strategy, sourceHash, destinationHash, baseHash, mergedHash,
        filesAdded, filesRemoved, filesModified, conflicts, upstreamSha, upstreamRef, null);
  }

  public ArtifactPlan {
    filesAdded = filesAdded == null ? List.of() : List.copyOf(filesAdded);
    filesRemoved = filesRemoved == null ? List.of() : List.copyOf(filesRemoved);
    filesModified = filesModified == null ? List.of() : List.copyOf(filesModified);
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
  }

  /** The plan of an artifact that cannot be synced, and why. */
  public static ArtifactPlan failed(String artifactId, String reason, MergeStrategy strategy) {
    return new ArtifactPlan(
        artifactId, PlanAction.ERROR, reason, strategy, null, null, null, null, null, null, null,
        null, null, null);
  }

  /** The plan of an artifact left alone for {@code reason}, with the versions that were seen. */
  public static ArtifactPlan skipped(
      String artifactId, MergeStrategy strategy, String reason, String sourceHash,
      String destinationHash, String baseHash) {
    return new ArtifactPlan(
        artifactId, PlanAction.SKIP, reason, strategy, sourceHash, destinationHash, baseHash, null,
        null, null, null, null, null, null);
  }

  /** This plan as the one of {@code path}, for a job to several projects. */
  public ArtifactPlan withProjectPath(String path) {
    return new ArtifactPlan(
        artifactId, action, reason, strategy, sourceHash, destinationHash, baseHash, mergedHash,
        filesAdded, filesRemoved, filesModified, conflicts, upstreamSha, upstreamRef, path,
        resultHash);
  }

  /**
   * This conflicted plan as a resolve applies it with a chosen result: the stored version {@code
   * hash} holding the conflicted files' chosen contents.
   */
  public ArtifactPlan withResultHash(String hash) {
    return new ArtifactPlan(
        artifactId, action, reason, strategy, sourceHash, destinationHash, baseHash, mergedHash,
        filesAdded, filesRemoved, filesModified, conflicts, upstreamSha, upstreamRef, projectPath,
        hash);
  }

  /** This plan with another reason (e.g. a note on the destination's history). */
  public ArtifactPlan withReason(String why) {
    return new ArtifactPlan(
        artifactId, action, why, strategy, sourceHash, destinationHash, baseHash, mergedHash,
        filesAdded, filesRemoved, filesModified, conflicts, upstreamSha, upstreamRef, projectPath);
  }

  public boolean failed() {
    return action == PlanAction.ERROR;
  }

  /** Whether applying the plan writes the destination. */
  public boolean writes() {
    return action != null && action.writes();
  }
}
