package dev.tiersync.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What happened to one artifact in a job: the outcome, why when nothing was done, how many files
 * changed, and the destination's hash before and after.
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
    String afterHash) {

  /** An artifact the job could not act on, and why; nothing was written. */
  /** The result of acting on {@code plan}, counting the files it planned to change. */
  public static ArtifactResult ofPlan(
      ArtifactPlan plan, Outcome outcome, String reason, String before, String after) {
    return new ArtifactResult(
        plan.artifactId(), outcome, reason, plan.filesAdded().size(), plan.filesRemoved().size(),
        plan.filesModified().size(), before, after);
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
