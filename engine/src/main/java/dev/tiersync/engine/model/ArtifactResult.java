package dev.tiersync.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What happened to one artifact in a job: the outcome, why when nothing was done, how many files
 * changed, and the destination's hash before and after. {@code projectPath} names the project for
 * a job to several projects (null otherwise, and then left out of the JSON).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArtifactResult(
    String artifactId,
    Outcome outcome,
    String reason,
    int filesAdded,
    int filesRemoved,
    int filesModified,
    String beforeHash,
    String afterHash,
    @JsonInclude(JsonInclude.Include.NON_NULL) String projectPath) {

  /** A result that is not one project's of several. */
  public ArtifactResult(
      String artifactId,
      Outcome outcome,
      String reason,
      int filesAdded,
      int filesRemoved,
      int filesModified,
      String beforeHash,
      String afterHash) {
    this(
        artifactId, outcome, reason, filesAdded, filesRemoved, filesModified, beforeHash,
        afterHash, null);
  }

  /** This result as the one in project {@code path}, for a job to several projects. */
  public ArtifactResult withProjectPath(String path) {
    return new ArtifactResult(
        artifactId, outcome, reason, filesAdded, filesRemoved, filesModified, beforeHash,
        afterHash, path);
  }

  /** An artifact the job could not act on, and why; nothing was written. */
  /** The result of acting on {@code plan}, counting the files it planned to change. */
  public static ArtifactResult ofPlan(
      ArtifactPlan plan, Outcome outcome, String reason, String before, String after) {
    return new ArtifactResult(
        plan.artifactId(), outcome, reason, plan.filesAdded().size(), plan.filesRemoved().size(),
        plan.filesModified().size(), before, after, plan.projectPath());
  }

  /** What applying {@code plan} would report, for a dry run that writes nothing. */
  public static ArtifactResult predicted(ArtifactPlan plan) {
    return ofPlan(
        plan, plan.action().outcome(),
        plan.reason() != null ? plan.reason() : "dry run: nothing written",
        plan.destinationHash(), plan.mergedHash());
  }

  public static ArtifactResult error(String artifactId, String reason, String hash) {
    return new ArtifactResult(artifactId, Outcome.ERROR, reason, 0, 0, 0, hash, hash);
  }
}
