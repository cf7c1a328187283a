package dev.tiersync.engine.sync;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.LineageKey;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.Tier;
import dev.tiersync.engine.skillmeat.SkillMeatHash;
import dev.tiersync.engine.skillmeat.SkillMeatMetadata;
import dev.tiersync.engine.tier.AtomicFiles;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.DeployedArtifact;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.LockEntry;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.RolledBack;
import dev.tiersync.engine.tier.SidecarRollback;
import dev.tiersync.engine.tier.SidecarFile;
import dev.tiersync.engine.tier.TierWriteLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping of a write to a tier: the collection's {@code collection.toml} and {@code
 * collection.lock} entries, the project's tracking entry, and tiersync's sidecar record beside
 * each, changed under the tier's {@link TierWriteLock} on the current files; and the artifact's
 * lineage in the history store.
 *
 * <p>SkillMeat's files get SkillMeat's values ({@link SkillMeatHash}), so the SkillMeat CLI agrees
 * with what tiersync wrote; tiersync's own hashes go to the sidecars (see {@code
 * docs/skillmeat.md}). Like SkillMeat's {@code deploy}, a deploy leaves a collection snapshot
 * holding its base, where SkillMeat's merge looks for it. A sidecar is written before the
 * SkillMeat file it accompanies: if the process dies between the two, the sidecar's record names
 * a SkillMeat hash the SkillMeat file does not hold, so it is stale and ignored, never wrong.
 */
final class TierRecords {
  private static final Logger LOG = LoggerFactory.getLogger(TierRecords.class);

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
    afterWrite(scope, direction, id, plan, written, now, true);
  }

  /**
   * {@link #afterWrite(TierScope, Direction, ArtifactId, ArtifactPlan, String, Instant)}, where
   * {@code collectionHere} false means this is a project's host and the collection is on the
   * server: a deploy then leaves the collection's snapshot to the server ({@link #holdSnapshot}).
   */
  void afterWrite(
      TierScope scope,
      Direction direction,
      ArtifactId id,
      ArtifactPlan plan,
      String written,
      Instant now,
      boolean collectionHere)
      throws IOException {
    switch (direction) {
      case UPSTREAM_TO_COLLECTION -> recordCollection(scope, id, plan, written, now, true);
      case COLLECTION_TO_PROJECT -> {
        String skillMeatBase = recordDeployment(scope, id, plan, now);
        if (collectionHere) {
          holdSnapshot(scope, id, skillMeatBase, scope.project().projectDir().toString(), now);
        }
      }
      case PROJECT_TO_COLLECTION -> {
        if (scope.hasProject()) {
          holdSnapshot(scope, id, recordDeployment(scope, id, plan, now),
              scope.project().projectDir().toString(), now);
        }
        // Without a project here, the project is on a host: its agent records the deployment
        // after this write (SyncEngine#recordHostDeployment), the server the snapshot.
        recordCollection(scope, id, plan, written, now, false);
      }
      default -> throw new IllegalStateException("unknown direction " + direction);
    }
  }

  /**
   * The bookkeeping of a rollback ({@link ArtifactRollbacks}). In the collection, its entries as
   * after any write that did not come from upstream: {@code resolved_sha}, the upstream edge's
   * base, stays where it was. In a project, none of SkillMeat's: the deployed base stays. Either
   * way the tier then differs from its base, so the next sync into it merges rather than
   * fast-forwards. Last, the rollback's record in the tier's sidecar.
   */
  void afterRollback(TierScope scope, Tier tier, ArtifactId id, RolledBack rollback)
      throws IOException {
    SidecarRollback record = new SidecarRollback(id, rollback);
    if (tier == Tier.COLLECTION) {
      recordCollection(scope, id, null, rollback.toHash(), rollback.at(), false);
      record.save(scope.collection().root(), scope.collection().sidecarFile());
    } else {
      record.save(scope.project().claudeDir(), scope.project().sidecarFile());
    }
  }

  /**
   * The collection's bookkeeping of a new version: the artifact's {@code collection.toml} entry
   * (listed if new; after an upstream fetch, its {@code resolved_sha}) with the metadata SkillMeat
   * derives from its front matter, its lock entry with SkillMeat's hash of the copy, and the
   * sidecar record ({@code plan} is read only for a version from upstream). Runs under the
   * collection's writer lock
   * and re-reads the files, so it changes only this artifact's entries of the current files.
   */
  private void recordCollection(
      TierScope scope, ArtifactId id, ArtifactPlan plan, String written, Instant now,
      boolean fromUpstream)
      throws IOException {
    Path copy = scope.collection().artifactPath(id);
    String skillMeatHash =
        written == null ? null : reader.skillMeat().of(written, List.of(copy));
    Map<String, Object> metadata =
        written != null && SkillMeatMetadata.applies(id.type())
            ? SkillMeatMetadata.of(copy, id.type())
            : null;
    TierWriteLock.run(
        scope.collection().root(),
        () -> {
          AtomicFiles.removeStaleTemps(scope.collection().manifestFile());
          AtomicFiles.removeStaleTemps(scope.collection().lockFile());
          AtomicFiles.removeStaleTemps(scope.collection().sidecarFile());
          CollectionManifest manifest = reader.manifest(scope);
          ManifestArtifact entry = manifest.find(id).orElse(null);
          ManifestArtifact next;
          if (fromUpstream) {
            if (entry == null) {
              throw new IOException(
                  id + " is no longer listed in " + scope.collection().manifestFile());
            }
            next = entry.withResolved(plan.upstreamSha(), plan.upstreamRef(), now);
          } else {
            next = entry == null ? ManifestArtifact.local(id, now) : entry.updated(now);
          }
          manifest.upsert(next);
          if (metadata != null) {
            manifest.replaceMetadata(id, metadata);
          }
          manifest.touch(now);
          CollectionLock lock = CollectionLock.load(scope.collection().lockFile());
          if (skillMeatHash != null) {
            SidecarFile<CollectionSidecar> sidecar =
                CollectionSidecar.load(scope.collection().sidecarFile());
            sidecar.upsert(
                new CollectionSidecar(
                    id, written, skillMeatHash, next.upstream(), next.upstreamPath()));
            sidecar.save(scope.collection().sidecarFile());
            LockEntry before = lock.find(id).orElse(null);
            lock.upsert(
                fromUpstream
                    ? new LockEntry(
                        id, next.upstream(), plan.upstreamSha(), plan.upstreamRef(), skillMeatHash,
                        now)
                    : before == null
                        ? new LockEntry(id, null, null, null, skillMeatHash, now)
                        : before.withContent(skillMeatHash, now));
          }
          // The lock first: if the process dies between the two writes, the manifest still names
          // the old upstream commit, and the edge reads as converged rather than losing the base.
          lock.save(scope.collection().lockFile());
          manifest.save(scope.collection().manifestFile());
        });
  }

  /**
   * The project's tracking entry as SkillMeat's deploy writes it, with SkillMeat's hash of the
   * edge's new base (the source's version), and tiersync's sidecar record of that base; under the
   * project's writer lock, on the current files.
   */
  String recordDeployment(TierScope scope, ArtifactId id, ArtifactPlan plan, Instant now)
      throws IOException {
    String base = plan.sourceHash();
    Path projectCopy = scope.project().artifactPath(id);
    Path collectionCopy = scope.collection().artifactPath(id);
    String skillMeatBase = reader.skillMeat().of(base, List.of(projectCopy, collectionCopy));
    ArtifactTree project = reader.readDisk(projectCopy);
    boolean localModifications =
        project != null
            && !project.contentHash().equals(base)
            && !SkillMeatHash.of(projectCopy).equals(skillMeatBase);
    TierWriteLock.run(
        scope.project().claudeDir(),
        () -> {
          AtomicFiles.removeStaleTemps(scope.project().trackingFile());
          AtomicFiles.removeStaleTemps(scope.project().sidecarFile());
          DeploymentTracking tracking = reader.tracking(scope);
          DeployedArtifact existing = tracking.find(id).orElse(null);
          DeployedArtifact next =
              existing == null
                  ? DeployedArtifact.of(id, scope.collection().name(), skillMeatBase, now)
                      .redeployed(skillMeatBase, now, localModifications)
                  : existing.redeployed(skillMeatBase, now, localModifications);
          tracking.upsert(next);
          SidecarFile<DeploymentSidecar> sidecar =
              DeploymentSidecar.load(scope.project().sidecarFile());
          sidecar.upsert(new DeploymentSidecar(id, base, skillMeatBase));
          sidecar.save(scope.project().sidecarFile());
          tracking.save(scope.project().trackingFile());
        });
    return skillMeatBase;
  }

  /**
   * Like SkillMeat's deploy, leaves a collection snapshot holding the deploy's base (SkillMeat's
   * hash {@code skillMeatBase}), where SkillMeat's merge looks for it. The collection must be on
   * this machine.
   */
  void holdSnapshot(
      TierScope scope, ArtifactId id, String skillMeatBase, String project, Instant now) {
    try {
      reader
          .snapshots()
          .ensureHolds(
              scope.collection().root(), id, skillMeatBase,
              "[auto] tiersync: " + id + " to " + project, now);
    } catch (IOException | RuntimeException e) {
      // SkillMeat's merge then finds no base for this deploy, as after losing its snapshots;
      // the sync itself is done and stays done.
      LOG.warn(
          "could not take a SkillMeat snapshot of {}: {}", scope.collection().root(), e.toString());
    }
  }

  void lineage(
      TierScope scope, Direction direction, ArtifactId id, String hash, Instant now, String note)
      throws IOException {
    lineage(
        direction.destination() == Tier.PROJECT
            ? LineageKey.project(id, scope.project().projectDir())
            : LineageKey.collection(id, scope.collection().name()),
        hash, now, note);
  }

  void lineage(LineageKey key, String hash, Instant now, String note) throws IOException {
    if (hash != null) {
      history.recordLineage(key, hash, now, note);
    }
  }
}
