package dev.tiersync.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The versions a sync of one artifact starts from, by content hash (all stored in the history
 * store), or why the artifact is skipped, or why it cannot be synced at all.
 *
 * @param artifactId the artifact's {@code type:name}; for a tier-file entry that names no valid
 *     artifact, where the entry is ({@code collection.toml artifacts[3]})
 * @param skipReason why the sync cannot start (no upstream, the source lost the artifact), or null
 * @param error why the artifact cannot be synced (an entry of it in a tier file breaks a rule), or
 *     null; such an artifact ends the job with outcome {@code error} and is never applied
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FetchedArtifact(
    String artifactId,
    String sourceHash,
    String destinationHash,
    String baseHash,
    String upstreamSha,
    String upstreamRef,
    String skipReason,
    String error) {

  /** An artifact that cannot be synced, and why. */
  public static FetchedArtifact failed(String artifactId, String error) {
    return new FetchedArtifact(artifactId, null, null, null, null, null, null, error);
  }
}
