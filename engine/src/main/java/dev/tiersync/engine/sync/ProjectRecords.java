package dev.tiersync.engine.sync;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.tier.DeployedArtifact;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.InvalidEntry;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's tier files as one read saw them, indexed by artifact: for reading many artifacts of
 * the project in one pass without looking each one up in the files again.
 *
 * @param deployed the usable entries of its tracking file
 * @param sidecars tiersync's usable records beside the tracking file
 * @param invalid the entries of both files that break a rule and name an artifact
 */
public record ProjectRecords(
    Map<ArtifactId, DeployedArtifact> deployed,
    Map<ArtifactId, DeploymentSidecar> sidecars,
    Map<ArtifactId, List<InvalidEntry>> invalid) {

  public ProjectRecords {
    // Hash maps, not Map.copyOf: the immutable maps probe linearly, and ids like skill-0001 ...
    // skill-0999 have consecutive hashes that cluster, so a look-up walked long runs.
    deployed = Collections.unmodifiableMap(new HashMap<>(deployed));
    sidecars = Collections.unmodifiableMap(new HashMap<>(sidecars));
    invalid = Collections.unmodifiableMap(new HashMap<>(invalid));
  }

  static ProjectRecords of(
      List<DeployedArtifact> deployed, List<DeploymentSidecar> sidecars, List<InvalidEntry> bad) {
    Map<ArtifactId, DeployedArtifact> byId = new HashMap<>();
    deployed.forEach(d -> byId.putIfAbsent(d.id(), d));
    Map<ArtifactId, DeploymentSidecar> sidecarById = new HashMap<>();
    sidecars.forEach(s -> sidecarById.put(s.id(), s));
    return new ProjectRecords(byId, sidecarById, byArtifact(bad));
  }

  /** The entries that name an artifact, grouped by it in file order. */
  public static Map<ArtifactId, List<InvalidEntry>> byArtifact(List<InvalidEntry> entries) {
    Map<ArtifactId, List<InvalidEntry>> out = new HashMap<>();
    for (InvalidEntry e : entries) {
      if (e.artifactId() != null) {
        out.computeIfAbsent(e.artifactId(), k -> new java.util.ArrayList<>()).add(e);
      }
    }
    return out;
  }
}
