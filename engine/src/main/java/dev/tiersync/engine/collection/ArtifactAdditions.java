package dev.tiersync.engine.collection;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.model.CollectionChange;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.FetchedArtifact;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.TierWriteLock;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.FetchProgress;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Adding an artifact from an upstream, and re-pinning one to another ref. Both are an
 * upstream→collection sync of a {@code collection.toml} entry that does not exist yet (add) or
 * follows another ref (pin): the plan is made from the proposed entry, writing nothing; applying
 * writes the entry under the collection's writer lock, on the current file, and then applies the
 * plan as a sync does (files, {@code resolved_sha}, lock entry, sidecar).
 *
 * <p>A retry of an apply finds its own entry already written and goes on; an entry someone else
 * wrote meanwhile for the same artifact stops the add.
 */
public final class ArtifactAdditions {
  private static final String SKILL_FILE = "SKILL.md";

  private final SyncEngine engine;
  private final TierReader reader;
  private final Clock clock;

  public ArtifactAdditions(SyncEngine engine, Clock clock) {
    this.engine = engine;
    this.reader = engine.reader();
    this.clock = clock;
  }

  /** What adding the artifact would write: a create, or a failed plan saying why it cannot. */
  public ArtifactPlan planAdd(
      TierScope scope, CollectionChange change, FetchPolicy policy, FetchProgress progress)
      throws IOException {
    ArtifactId id = ArtifactId.parse(change.artifactId());
    Optional<String> taken = whyTaken(scope, id);
    if (taken.isPresent()) {
      return ArtifactPlan.failed(id.toString(), taken.get(), MergeStrategy.AUTO);
    }
    FetchedArtifact fetched =
        engine.fetchUpstream(scope, id, proposed(id, change), policy, progress);
    if (fetched.skipReason() != null) {
      return ArtifactPlan.failed(
          id.toString(),
          "nothing at '" + change.upstreamPath() + "' in " + change.upstream() + " at "
              + change.versionSpec(),
          MergeStrategy.AUTO);
    }
    ArtifactPlan plan = engine.plan(Direction.UPSTREAM_TO_COLLECTION, fetched, MergeStrategy.AUTO);
    if (id.type() == ArtifactType.SKILL && !plan.filesAdded().contains(SKILL_FILE)) {
      return ArtifactPlan.failed(
          id.toString(),
          "'" + change.upstreamPath() + "' in " + change.upstream() + " holds no " + SKILL_FILE
              + ", so it is not a skill",
          MergeStrategy.AUTO);
    }
    return plan;
  }

  /** Writes the entry the add proposed, then applies its plan. */
  public ArtifactResult applyAdd(TierScope scope, CollectionChange change, ArtifactPlan plan)
      throws IOException {
    if (plan.failed()) {
      return ArtifactResult.error(plan.artifactId(), plan.reason(), null);
    }
    ArtifactId id = ArtifactId.parse(change.artifactId());
    ManifestArtifact entry = proposed(id, change);
    String refused =
        TierWriteLock.call(
            scope.collection().root(),
            () -> {
              CollectionManifest manifest = reader.manifest(scope);
              Optional<ManifestArtifact> existing = manifest.find(id);
              if (existing.isPresent()) {
                return sameUpstream(existing.get(), entry)
                    ? null
                    : id + " was added to the collection by someone else meanwhile";
              }
              manifest.upsert(entry);
              manifest.touch(clock.instant());
              manifest.save(scope.collection().manifestFile());
              return null;
            });
    if (refused != null) {
      return ArtifactResult.error(id.toString(), refused, null);
    }
    return engine.apply(scope, Direction.UPSTREAM_TO_COLLECTION, plan);
  }

  /**
   * What following {@code versionSpec} would do to the artifact: the upstream→collection plan
   * against that ref, or a failed plan when the artifact has no upstream.
   */
  public ArtifactPlan planPin(
      TierScope scope, ArtifactId id, String versionSpec, FetchPolicy policy,
      FetchProgress progress)
      throws IOException {
    List<InvalidEntry> invalid = reader.invalidEntries(scope, id);
    if (!invalid.isEmpty()) {
      return ArtifactPlan.failed(id.toString(), invalid.get(0).message(), MergeStrategy.AUTO);
    }
    Optional<ManifestArtifact> entry = reader.manifestEntry(scope, id);
    if (entry.isEmpty() || entry.get().upstream() == null) {
      return ArtifactPlan.failed(
          id.toString(),
          id + (entry.isEmpty() ? " is not listed in collection.toml" : " has no upstream to pin"),
          MergeStrategy.AUTO);
    }
    FetchedArtifact fetched =
        engine.fetchUpstream(
            scope, id, entry.get().withVersionSpec(versionSpec), policy, progress);
    return engine.plan(Direction.UPSTREAM_TO_COLLECTION, fetched, MergeStrategy.AUTO);
  }

  /** Writes the new {@code version_spec} into the artifact's entry, then applies the plan. */
  public ArtifactResult applyPin(
      TierScope scope, ArtifactId id, String versionSpec, ArtifactPlan plan) throws IOException {
    if (plan.failed()) {
      return ArtifactResult.error(plan.artifactId(), plan.reason(), null);
    }
    boolean listed =
        TierWriteLock.call(
            scope.collection().root(),
            () -> {
              CollectionManifest manifest = reader.manifest(scope);
              Optional<ManifestArtifact> entry = manifest.find(id);
              if (entry.isEmpty()) {
                return false;
              }
              if (!versionSpec.equals(entry.get().versionSpec())) {
                manifest.upsert(entry.get().withVersionSpec(versionSpec));
                manifest.touch(clock.instant());
                manifest.save(scope.collection().manifestFile());
              }
              return true;
            });
    if (!listed) {
      return ArtifactResult.error(
          id.toString(), id + " was removed from collection.toml meanwhile", null);
    }
    return engine.apply(scope, Direction.UPSTREAM_TO_COLLECTION, plan);
  }

  /** Why the collection cannot take a new artifact of this id, if it cannot. */
  private Optional<String> whyTaken(TierScope scope, ArtifactId id) throws IOException {
    if (!reader.invalidEntries(scope, id).isEmpty() || reader.manifestEntry(scope, id).isPresent()) {
      return Optional.of(id + " is already listed in collection.toml");
    }
    if (reader.collection(scope, id) != null) {
      return Optional.of(
          id + " already exists in the collection at " + scope.collection().artifactPath(id));
    }
    return Optional.empty();
  }

  private ManifestArtifact proposed(ArtifactId id, CollectionChange change) {
    return ManifestArtifact.fromUpstream(
        id, change.upstream(), change.upstreamPath(), change.versionSpec(), clock.instant());
  }

  private static boolean sameUpstream(ManifestArtifact a, ManifestArtifact b) {
    return Objects.equals(a.upstream(), b.upstream())
        && Objects.equals(a.upstreamPath(), b.upstreamPath())
        && Objects.equals(a.versionSpec(), b.versionSpec());
  }
}
