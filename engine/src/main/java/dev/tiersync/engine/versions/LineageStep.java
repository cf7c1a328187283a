package dev.tiersync.engine.versions;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One step of a tier's lineage.
 *
 * @param hash the version's content hash; null for an upstream commit that deleted the artifact
 * @param at when the tier got this version (for upstream, the commit time)
 * @param note why, e.g. {@code upstream_to_collection create}, or the commit's subject line
 * @param commit the upstream commit, or null in the other tiers
 * @param author the upstream commit's author ({@code Name <email>}), or null in the other tiers
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LineageStep(String hash, Instant at, String note, String commit, String author) {
  /** A step with no upstream commit: the collection's and the project's lineage. */
  public LineageStep(String hash, Instant at, String note) {
    this(hash, at, note, null, null);
  }
}
