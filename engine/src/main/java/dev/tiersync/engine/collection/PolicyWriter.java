package dev.tiersync.engine.collection;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.tier.ArtifactPolicy;
import dev.tiersync.engine.tier.AtomicFiles;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.SidecarFile;
import dev.tiersync.engine.tier.SidecarPolicy;
import dev.tiersync.engine.tier.TierWriteLock;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Sets an artifact's hold and auto-update policy: its keys in {@code collection.toml} and their
 * copy in the collection's sidecar (which outlives SkillMeat's rewrites of {@code
 * collection.toml}). Not a job: the change is applied at once, under the collection's {@link
 * TierWriteLock}, to the files as they are under it, each written atomically, so policy writes
 * and jobs writing other entries of the same collection never lose each other's changes.
 */
public final class PolicyWriter {

  /**
   * Applies {@code change} to the artifact's current policy and writes the result.
   *
   * @return the policy written, or empty when the collection does not list the artifact
   * @throws NoSuchFileException when the collection has no {@code collection.toml}
   * @throws dev.tiersync.engine.tier.InvalidTierFileException when a tier file cannot be read, or
   *     an entry naming the artifact breaks a rule (nothing is written)
   */
  public Optional<ArtifactPolicy> write(
      CollectionLayout collection, ArtifactId id, UnaryOperator<ArtifactPolicy> change)
      throws IOException {
    return TierWriteLock.call(
        collection.root(),
        () -> {
          AtomicFiles.removeStaleTemps(collection.manifestFile());
          AtomicFiles.removeStaleTemps(collection.sidecarFile());
          CollectionManifest manifest = CollectionManifest.load(collection.manifestFile());
          SidecarFile<CollectionSidecar> sidecar =
              CollectionSidecar.load(collection.sidecarFile());
          manifest.useSidecar(sidecar);
          Optional<ManifestArtifact> entry = manifest.find(id);
          ArtifactPolicy next = change.apply(manifest.policy(id));
          if (!manifest.setPolicy(id, next) || entry.isEmpty()) {
            return Optional.empty();
          }
          CollectionSidecar.policies(sidecar)
              .upsert(new SidecarPolicy(id, entry.get().upstream(), next));
          // collection.toml first: while it holds policy keys they are what counts, so a crash
          // before the copy is written leaves the new policy in force.
          manifest.save(collection.manifestFile());
          sidecar.save(collection.sidecarFile());
          return Optional.of(next);
        });
  }
}
