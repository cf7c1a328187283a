package dev.tiersync.engine.sync;

import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.LineageKey;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.Tier;
import dev.tiersync.engine.tier.AtomicFiles;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.DeployedArtifact;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.LockEntry;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.TierWriteLock;
import java.io.IOException;
import java.time.Instant;

/**
 * The bookkeeping of a write to a tier: the collection's {@code collection.toml} and {@code
 * collection.lock} entries, the project's tracking entry, each changed under the tier's {@link
 * TierWriteLock} on the current file; and the artifact's lineage in the history store.
 */
final class TierRecords {
  private final TierReader reader;
  private final HistoryStore history;

  TierRecords(TierReader reader, HistoryStore history) {
    this.reader = reader;
    this.history = history;
  }

  /**
   * After a sync the edge's base becomes the source's version, as a Git merge makes the merged-in
   * commit an ancestor: edits the destination kept show as local modifications afterwards.
   *
   * @param written the destination's version once the job is done with it (what a collection's
   *     lock entry records)
   */
  void afterWrite(
      TierScope scope,
      Direction direction,
      ArtifactId id,
      ArtifactPlan plan,
      String written,
      Instant now)
      throws IOException {
    switch (direction) {
      case UPSTREAM_TO_COLLECTION ->
          TierWriteLock.run(
              scope.collection().root(), () -> recordUpstreamSync(scope, id, plan, written, now));
      case COLLECTION_TO_PROJECT, PROJECT_TO_COLLECTION -> {
        TierWriteLock.run(scope.project().claudeDir(), () -> recordDeployment(scope, id, plan, now));
        if (direction == Direction.PROJECT_TO_COLLECTION) {
          TierWriteLock.run(scope.collection().root(), () -> listInCollection(scope, id, now));
        }
      }
      default -> throw new IllegalStateException("unknown direction " + direction);
    }
  }

  /**
   * The upstream→collection bookkeeping: the artifact's lock entry and its {@code resolved_sha}.
   * Runs under the collection's writer lock and re-reads both files, so it changes only this
   * artifact's entries of the current files.
   */
  private void recordUpstreamSync(
      TierScope scope, ArtifactId id, ArtifactPlan plan, String written, Instant now)
      throws IOException {
    AtomicFiles.removeStaleTemps(scope.collection().manifestFile());
    AtomicFiles.removeStaleTemps(scope.collection().lockFile());
    CollectionManifest manifest = reader.manifest(scope);
    ManifestArtifact entry =
        manifest
            .find(id)
            .orElseThrow(() -> new IOException(id + " is no longer listed in " + scope.collection().manifestFile()));
    manifest.upsert(entry.withResolved(plan.upstreamSha(), plan.upstreamRef(), now));
    manifest.touch(now);
    CollectionLock lock = CollectionLock.load(scope.collection().lockFile());
    lock.upsert(
        new LockEntry(id, entry.upstream(), plan.upstreamSha(), plan.upstreamRef(), written, now));
    // The lock first: if the process dies between the two writes, the manifest still names
    // the old upstream commit, and the edge reads as converged rather than losing the base.
    lock.save(scope.collection().lockFile());
    manifest.save(scope.collection().manifestFile());
  }

  /** The project's tracking entry; under the project's writer lock, on the current file. */
  private void recordDeployment(TierScope scope, ArtifactId id, ArtifactPlan plan, Instant now)
      throws IOException {
    AtomicFiles.removeStaleTemps(scope.project().trackingFile());
    DeploymentTracking tracking = reader.tracking(scope);
    DeployedArtifact existing = tracking.find(id).orElse(null);
    DeployedArtifact next =
        existing == null
            ? DeployedArtifact.of(id, scope.collection().name(), plan.sourceHash(), now)
            : existing.redeployed(plan.sourceHash(), now);
    tracking.upsert(next);
    tracking.save(scope.project().trackingFile());
  }

  /** A project artifact new to the collection gets a local entry in its manifest. */
  private void listInCollection(TierScope scope, ArtifactId id, Instant now) throws IOException {
    AtomicFiles.removeStaleTemps(scope.collection().manifestFile());
    CollectionManifest manifest = reader.manifest(scope);
    if (manifest.find(id).isEmpty()) {
      manifest.upsert(ManifestArtifact.local(id, now));
      manifest.touch(now);
      manifest.save(scope.collection().manifestFile());
    }
  }

  void lineage(
      TierScope scope, Direction direction, ArtifactId id, String hash, Instant now, String note)
      throws IOException {
    if (hash == null) {
      return;
    }
    LineageKey key =
        direction.destination() == Tier.PROJECT
            ? LineageKey.project(id, scope.project().projectDir())
            : LineageKey.collection(id, scope.collection().name());
    history.recordLineage(key, hash, now, note);
  }
}
