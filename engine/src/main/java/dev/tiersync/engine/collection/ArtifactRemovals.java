package dev.tiersync.engine.collection;

import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.AtomicFiles;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.tier.SidecarFile;
import dev.tiersync.engine.tier.SidecarRollback;
import dev.tiersync.engine.tier.TierWriteLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Taking an artifact out of the collection (remove) or out of a project (undeploy): its files and
 * its entries in the tier's files go together. The files are moved aside, the entries are
 * rewritten under the tier's writer lock on the current files, and only then are the files
 * deleted; a failure in between puts the files back ({@link AtomicArtifactWriter}). Every removed
 * version was stored in the history store by the plan.
 *
 * <p>An undeploy refuses a project copy that differs from the version it was deployed from (local
 * edits), or that tiersync cannot trace to a deploy at all, unless forced: those edits exist
 * nowhere else but in the history store.
 */
public final class ArtifactRemovals {
  private final TierReader reader;
  private final HistoryStore history;
  private final AtomicArtifactWriter writer;
  private final Clock clock;

  public ArtifactRemovals(
      TierReader reader, HistoryStore history, AtomicArtifactWriter writer, Clock clock) {
    this.reader = reader;
    this.history = history;
    this.writer = writer;
    this.clock = clock;
  }

  /** What removing the artifact from the collection would delete. */
  public ArtifactPlan planRemove(TierScope scope, ArtifactId id) throws IOException {
    String invalid = invalid(scope, id);
    if (invalid != null) {
      return ArtifactPlan.failed(id.toString(), invalid, MergeStrategy.AUTO);
    }
    ArtifactTree copy = reader.collection(scope, id);
    if (copy == null && reader.manifestEntry(scope, id).isEmpty()) {
      return ArtifactPlan.failed(
          id.toString(), id + " is not in collection " + scope.collection().name(),
          MergeStrategy.AUTO);
    }
    return removal(id, copy, null, null);
  }

  /** Removes the artifact's files and its collection entries, if it is as planned. */
  public ArtifactResult applyRemove(TierScope scope, ArtifactPlan plan) throws IOException {
    ArtifactId id = ArtifactId.parse(plan.artifactId());
    Path copy = scope.collection().artifactPath(id);
    return remove(
        plan, reader.collection(scope, id), copy,
        () ->
            TierWriteLock.run(
                scope.collection().root(),
                () -> {
                  AtomicFiles.removeStaleTemps(scope.collection().manifestFile());
                  AtomicFiles.removeStaleTemps(scope.collection().lockFile());
                  AtomicFiles.removeStaleTemps(scope.collection().sidecarFile());
                  CollectionManifest manifest = reader.manifest(scope);
                  CollectionLock lock = CollectionLock.load(scope.collection().lockFile());
                  SidecarFile<CollectionSidecar> sidecar =
                      CollectionSidecar.load(scope.collection().sidecarFile());
                  // The policy copy and the rollback record go too: an artifact added again
                  // starts without a hold or a past.
                  if (sidecar.remove(id)
                      | CollectionSidecar.policies(sidecar).remove(id)
                      | SidecarRollback.of(sidecar).remove(id)) {
                    sidecar.save(scope.collection().sidecarFile());
                  }
                  if (lock.remove(id)) {
                    lock.save(scope.collection().lockFile());
                  }
                  if (manifest.remove(id)) {
                    manifest.touch(clock.instant());
                    manifest.save(scope.collection().manifestFile());
                  }
                }));
  }

  /**
   * What undeploying the artifact from the project would delete; a skip when the project copy has
   * edits of its own and {@code force} is not given.
   */
  public ArtifactPlan planUndeploy(TierScope scope, ArtifactId id, boolean force)
      throws IOException {
    String invalid = invalid(scope, id);
    if (invalid != null) {
      return ArtifactPlan.failed(id.toString(), invalid, MergeStrategy.AUTO);
    }
    ArtifactTree copy = reader.project(scope, id);
    boolean tracked = reader.deployed(scope, id).isPresent();
    ArtifactTree base =
        copy == null && !tracked
            ? null
            : reader.projectBase(scope, id, reader.collection(scope, id), copy);
    return planUndeploy(id, scope.project().projectDir().toString(), copy, tracked, base, force);
  }

  /**
   * {@link #planUndeploy(TierScope, ArtifactId, boolean)} from the project's versions as read:
   * also for a project on a host, whose agent read them (docs/agents.md).
   *
   * @param project the project, as messages name it
   * @param copy the project's copy, or null
   * @param tracked whether the project's tracking file has an entry of the artifact
   * @param base the copy's deployed version, or null when unknown
   */
  public ArtifactPlan planUndeploy(
      ArtifactId id, String project, ArtifactTree copy, boolean tracked, ArtifactTree base,
      boolean force)
      throws IOException {
    if (copy == null && !tracked) {
      return ArtifactPlan.failed(
          id.toString(), id + " is not deployed in " + project, MergeStrategy.AUTO);
    }
    String edits = copy == null ? null : localEdits(copy, base, tracked);
    if (edits != null && !force) {
      return ArtifactPlan.skipped(
          id.toString(), MergeStrategy.AUTO,
          edits + "; see the diff of base and project, or undeploy with force to discard them",
          null, history.put(copy), base == null ? null : history.put(base));
    }
    return removal(id, copy, base, edits);
  }

  /** Removes the artifact's files and its tracking entries from the project, if as planned. */
  public ArtifactResult applyUndeploy(TierScope scope, ArtifactPlan plan) throws IOException {
    ArtifactId id = ArtifactId.parse(plan.artifactId());
    Path copy = scope.project().artifactPath(id);
    return remove(
        plan, reader.project(scope, id), copy,
        () ->
            TierWriteLock.run(
                scope.project().claudeDir(),
                () -> {
                  AtomicFiles.removeStaleTemps(scope.project().trackingFile());
                  AtomicFiles.removeStaleTemps(scope.project().sidecarFile());
                  DeploymentTracking tracking = reader.tracking(scope);
                  SidecarFile<DeploymentSidecar> sidecar =
                      DeploymentSidecar.load(scope.project().sidecarFile());
                  if (sidecar.remove(id) | SidecarRollback.of(sidecar).remove(id)) {
                    sidecar.save(scope.project().sidecarFile());
                  }
                  if (tracking.remove(id)) {
                    tracking.save(scope.project().trackingFile());
                  }
                }));
  }

  private ArtifactResult remove(
      ArtifactPlan plan, ArtifactTree current, Path copy, AtomicArtifactWriter.AfterSwap entries)
      throws IOException {
    if (plan.action() != PlanAction.REMOVE) {
      String unchanged = plan.destinationHash();
      return plan.failed()
          ? ArtifactResult.error(plan.artifactId(), plan.reason(), null)
          : ArtifactResult.ofPlan(plan, Outcome.SKIPPED, plan.reason(), unchanged, unchanged);
    }
    String currentHash = current == null ? null : current.contentHash();
    if (!Objects.equals(currentHash, plan.destinationHash())) {
      return ArtifactResult.ofPlan(
          plan, Outcome.SKIPPED, "changed since the plan was made; plan the removal again",
          currentHash, currentHash);
    }
    writer.write(copy, null, entries);
    return ArtifactResult.ofPlan(plan, Outcome.REMOVED, null, currentHash, null);
  }

  private ArtifactPlan removal(ArtifactId id, ArtifactTree copy, ArtifactTree base, String reason)
      throws IOException {
    String hash = copy == null ? null : history.put(copy);
    List<String> files = copy == null ? List.of() : List.copyOf(copy.files().keySet());
    return new ArtifactPlan(
        id.toString(), PlanAction.REMOVE, reason, MergeStrategy.AUTO, null, hash,
        base == null ? null : history.put(base), null, null, files, null, null, null, null);
  }

  /** Why the project copy is more than a deployed version, or null when it is just that. */
  private static String localEdits(ArtifactTree copy, ArtifactTree base, boolean tracked) {
    if (base == null) {
      return tracked
          ? "the project copy's deployed version is unknown, so its edits cannot be told apart"
          : "the project copy was not deployed from the collection: it exists only in the project";
    }
    if (base.contentHash().equals(copy.contentHash())) {
      return null;
    }
    long differing =
        Stream.concat(
                copy.files().keySet().stream(), base.files().keySet().stream())
            .distinct()
            .filter(p -> !Objects.equals(copy.files().get(p), base.files().get(p)))
            .count();
    return "the project copy has local edits (" + differing + " file(s) differ from its base)";
  }

  private String invalid(TierScope scope, ArtifactId id) throws IOException {
    List<InvalidEntry> invalid = reader.invalidEntries(scope, id);
    return invalid.isEmpty() ? null : invalid.get(0).message();
  }
}
