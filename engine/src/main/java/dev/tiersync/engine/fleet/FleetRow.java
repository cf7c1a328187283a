package dev.tiersync.engine.fleet;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.status.EdgeStatus;
import dev.tiersync.engine.sync.UpstreamVersion;
import dev.tiersync.engine.tier.ArtifactPolicy;
import dev.tiersync.engine.tier.ManifestArtifact;
import java.util.List;

/**
 * One artifact of the collection across the fleet.
 *
 * @param entry its {@code collection.toml} entry, or null when only its files are there (or the
 *     entry breaks a rule)
 * @param policy its hold and auto-update policy ({@link ArtifactPolicy#NONE} without an entry)
 * @param upstream the upstream side as the mirror knows it, or null without upstream (or when it
 *     could not be read: see {@code upstreamError})
 * @param upstreamToCollection null without upstream, or when it could not be read
 * @param upstreamError why the upstream could not be read, or null
 * @param error why the artifact is in error in the collection (its entry breaks a rule), or null
 * @param cells one per project of the matrix, in its order
 */
public record FleetRow(
    ArtifactId id,
    ManifestArtifact entry,
    ArtifactPolicy policy,
    UpstreamVersion upstream,
    EdgeStatus upstreamToCollection,
    String upstreamError,
    String error,
    List<FleetCell> cells) {

  public FleetRow {
    policy = policy == null ? ArtifactPolicy.NONE : policy;
    cells = List.copyOf(cells);
  }
}
