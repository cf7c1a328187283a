package dev.tiersync.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One artifact a collection job adds or re-pins (where it comes from upstream and which ref it
 * follows), or rolls back (the version to write back). Carries names, paths and hashes only, never
 * contents.
 *
 * @param artifactId the artifact's {@code type:name} in the collection
 * @param upstream the Git repository as the user gave it ({@code https://}, {@code ssh}, {@code
 *     file://}, a local path, or a GitHub tree URL)
 * @param upstreamPath the artifact's path inside the repository ({@code ""} for its root)
 * @param versionSpec the branch, tag or commit to follow, or {@code latest} for the default branch
 * @param rollbackTo for a rollback: the content hash of the version to write back; else null
 * @param hold for a rollback of the collection: also hold the artifact, so the drift watch does
 *     not update it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CollectionChange(
    String artifactId,
    String upstream,
    String upstreamPath,
    String versionSpec,
    String rollbackTo,
    boolean hold) {

  /** An add or a re-pin. */
  public CollectionChange(
      String artifactId, String upstream, String upstreamPath, String versionSpec) {
    this(artifactId, upstream, upstreamPath, versionSpec, null, false);
  }

  /** A rollback of the artifact to the version {@code toHash}. */
  public static CollectionChange rollback(String artifactId, String toHash, boolean hold) {
    return new CollectionChange(artifactId, null, null, null, toHash, hold);
  }
}
