package dev.tiersync.app.artifacts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/artifacts/{id}/versions}: the artifact's version in each tier
 * (null where the tier lacks it) and the status of both edges.
 *
 * @param upstreamError why the upstream could not be read (then {@code upstream} is null), or null
 * @param error why the artifact is in error (an entry of it in a tier file breaks a rule), or null;
 *     then only its versions on disk are shown
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ArtifactVersions(
    String artifactId,
    TierVersion upstream,
    TierVersion collection,
    TierVersion project,
    StatusView status,
    String upstreamError,
    String error) {

  /**
   * One tier's version of the artifact.
   *
   * @param hash the content hash (SPEC section 2); null upstream when the path is gone at the head
   * @param timestamp upstream: the head commit's time; collection: {@code last_updated} of its
   *     {@code collection.toml} entry, else the newest file modification; project: {@code
   *     deployed_at} of its tracking entry, else the newest file modification
   * @param source upstream: the repository URL; collection: its name; project: its folder
   * @param path upstream: the artifact's path in the repository; otherwise its path on disk
   * @param ref upstream: the branch, tag or commit followed; collection: the {@code
   *     resolved_version} last synced from upstream; project: null
   * @param commit upstream: the head commit; collection: the {@code resolved_sha} last synced from
   *     upstream; project: null
   * @param lineage the versions the artifact has had in this tier, oldest first. Collection and
   *     project: from the history store. Upstream: the newest commits that changed the artifact's
   *     path, read from the repository itself, each with its commit
   * @param baseHash the merge base of the edge into this tier: collection, the upstream version at
   *     {@code resolved_sha}; project, the version deployed last; null when unknown (and upstream)
   * @param behind collection only: how many upstream commits changed the artifact's path since
   *     {@code resolved_sha} (counted up to 200); null when unknown
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record TierVersion(
      String hash,
      Instant timestamp,
      String source,
      String path,
      String ref,
      String commit,
      List<LineageStep> lineage,
      String baseHash,
      Integer behind) {}

  /**
   * One step of a lineage.
   *
   * @param hash the version's content hash; null for an upstream commit that deleted the artifact
   * @param at when the tier got this version (for upstream, the commit time)
   * @param note why, e.g. {@code upstream_to_collection create}, or the commit's subject line
   * @param commit the upstream commit, or null in the other tiers
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record LineageStep(String hash, Instant at, String note, String commit) {}
}
