package dev.tiersync.engine.sync;

import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.LineageKey;
import dev.tiersync.engine.merge.ArtifactMergeResult;
import dev.tiersync.engine.merge.ArtifactMerger;
import dev.tiersync.engine.merge.TextMerge;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.FetchedArtifact;
import dev.tiersync.engine.model.FileConflict;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.engine.model.Tier;
import dev.tiersync.engine.status.EdgeStatus;
import dev.tiersync.engine.status.StatusCalculator;
import dev.tiersync.engine.tier.AtomicFiles;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.DeployedArtifact;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.LockEntry;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.TierWriteLock;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.FetchProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The engine's front door: the versions and status of artifacts across the three tiers, and the
 * plan-then-apply of a sync along one edge. Planning reads the tiers and stores every version it
 * sees (source, destination, base, merge result) in the history store; applying writes the
 * destination atomically together with its tracking or lock entry.
 */
public final class SyncEngine {
  private final TierReader reader;
  private final HistoryStore history;
  private final StatusCalculator status;
  private final AtomicArtifactWriter writer;
  private final Clock clock;

  public SyncEngine(
      TierReader reader,
      HistoryStore history,
      StatusCalculator status,
      AtomicArtifactWriter writer,
      Clock clock) {
    this.reader = reader;
    this.history = history;
    this.status = status;
    this.writer = writer;
    this.clock = clock;
  }

  public TierReader reader() {
    return reader;
  }

  /** The artifacts of the collection (manifest and disk), plus those deployed in the project. */
  public SortedSet<ArtifactId> artifacts(TierScope scope) throws IOException {
    SortedSet<ArtifactId> ids = new TreeSet<>(scope.collection().artifacts(reader.manifest(scope)));
    if (scope.hasProject()) {
      ids.addAll(scope.project().artifacts(reader.tracking(scope)));
    }
    return ids;
  }

  /** Every version of an artifact and the status of both edges. */
  public ArtifactSnapshot snapshot(TierScope scope, ArtifactId id, FetchPolicy policy)
      throws IOException {
    ManifestArtifact entry = reader.manifestEntry(scope, id).orElse(null);
    ArtifactTree collection = reader.collection(scope, id);
    Optional<UpstreamVersion> upstream = reader.upstream(entry, policy, null);
    EdgeStatus u2c =
        upstream
            .map(u -> status.edge(u.tree(), collection, u.baseTree()))
            .orElse(null);
    ArtifactTree project = null;
    ArtifactTree projectBase = null;
    EdgeStatus c2p = null;
    if (scope.hasProject()) {
      project = reader.project(scope, id);
      DeployedArtifact deployed = reader.deployed(scope, id).orElse(null);
      projectBase = reader.projectBase(deployed, collection, project);
      c2p = status.edge(collection, project, projectBase);
    }
    return new ArtifactSnapshot(
        id, upstream.orElse(null), collection, project, projectBase, u2c, c2p);
  }

  /**
   * Computes what a sync of one artifact would do, writing nothing to any tier: {@link #fetch}
   * then {@link #plan(Direction, FetchedArtifact, MergeStrategy)}.
   */
  public ArtifactPlan plan(
      TierScope scope,
      ArtifactId id,
      Direction direction,
      MergeStrategy strategy,
      FetchPolicy policy,
      FetchProgress progress)
      throws IOException {
    return plan(direction, fetch(scope, id, direction, policy, progress), strategy);
  }

  /**
   * Reads the source, destination and base versions of one artifact for a sync and stores them in
   * the history store. Writes nothing to any tier.
   *
   * @throws IllegalArgumentException when the direction is not a sync, or needs a project and none
   *     was given
   * @throws InvalidTierFileException when an entry of the artifact in {@code collection.toml} or
   *     the tracking file breaks a rule (see {@link TierReader#invalidEntries(TierScope,
   *     ArtifactId)}); nothing is read or stored
   */
  public FetchedArtifact fetch(
      TierScope scope,
      ArtifactId id,
      Direction direction,
      FetchPolicy policy,
      FetchProgress progress)
      throws IOException {
    requireSync(direction);
    if (direction.needsProject() && !scope.hasProject()) {
      throw new IllegalArgumentException(direction.label() + " needs a project_path");
    }
    List<InvalidEntry> invalid = reader.invalidEntries(scope, id);
    if (!invalid.isEmpty()) {
      throw InvalidTierFileException.of(invalid.get(0));
    }
    ArtifactTree source;
    ArtifactTree destination;
    ArtifactTree base;
    String upstreamSha = null;
    String upstreamRef = null;
    switch (direction) {
      case UPSTREAM_TO_COLLECTION -> {
        ManifestArtifact entry = reader.manifestEntry(scope, id).orElse(null);
        Optional<UpstreamVersion> up = reader.upstream(entry, policy, progress);
        if (up.isEmpty()) {
          return new FetchedArtifact(
              id.toString(), null, store(reader.collection(scope, id)), null, null, null,
              "artifact has no upstream in collection.toml", null);
        }
        source = up.get().tree();
        base = up.get().baseTree();
        destination = reader.collection(scope, id);
        upstreamSha = up.get().head().commitSha();
        upstreamRef = up.get().head().refName();
      }
      case COLLECTION_TO_PROJECT, PROJECT_TO_COLLECTION -> {
        ArtifactTree collection = reader.collection(scope, id);
        ArtifactTree project = reader.project(scope, id);
        DeployedArtifact deployed = reader.deployed(scope, id).orElse(null);
        base = reader.projectBase(deployed, collection, project);
        boolean toProject = direction == Direction.COLLECTION_TO_PROJECT;
        source = toProject ? collection : project;
        destination = toProject ? project : collection;
      }
      default -> throw new IllegalStateException("unknown direction " + direction);
    }
    return new FetchedArtifact(
        id.toString(), store(source), store(destination), store(base), upstreamSha, upstreamRef,
        source == null ? "source no longer has the artifact" : null, null);
  }

  /**
   * Plans a sync from fetched versions (read back from the history store). Writes nothing. An
   * artifact that cannot be synced ({@link FetchedArtifact#error()}) gets a failed plan.
   */
  public ArtifactPlan plan(Direction direction, FetchedArtifact f, MergeStrategy strategy)
      throws IOException {
    requireSync(direction);
    if (f.error() != null) {
      return ArtifactPlan.failed(f.artifactId(), f.error(), strategy);
    }
    ArtifactId id = ArtifactId.parse(f.artifactId());
    if (f.skipReason() != null) {
      return skip(id, strategy, f.skipReason(), f.sourceHash(), f.destinationHash(), f.baseHash());
    }
    ArtifactTree source = load(f.sourceHash());
    ArtifactTree destination = load(f.destinationHash());
    ArtifactTree base = load(f.baseHash());
    String sourceHash = f.sourceHash();
    String destinationHash = f.destinationHash();
    String baseHash = f.baseHash();
    if (status.hasMarkers(source)) {
      return skip(
          id, strategy, "source has conflict markers", sourceHash, destinationHash, baseHash);
    }
    ArtifactMerger merger = new ArtifactMerger(labels(direction));
    ArtifactMergeResult merged = merger.merge(base, destination, source, strategy);
    String mergedHash = store(merged.merged());
    PlanAction action;
    String reason = null;
    if (destination == null) {
      action = PlanAction.CREATE;
    } else if (merged.unchanged()) {
      action = PlanAction.NONE;
      reason = "unchanged";
    } else if (!merged.clean()) {
      action = PlanAction.CONFLICT;
    } else if (strategy == MergeStrategy.AUTO && base != null && !baseHash.equals(destinationHash)) {
      action = PlanAction.MERGE;
    } else {
      action = PlanAction.UPDATE;
    }
    List<FileConflict> conflicts =
        merged.conflicts().stream()
            .map(c -> new FileConflict(id.toString(), c.path(), c.kind()))
            .toList();
    return new ArtifactPlan(
        id.toString(), action, reason, strategy, sourceHash, destinationHash, baseHash, mergedHash,
        merged.filesAdded(), merged.filesRemoved(), merged.filesModified(), conflicts,
        f.upstreamSha(), f.upstreamRef());
  }

  private ArtifactTree load(String hash) throws IOException {
    if (hash == null) {
      return null;
    }
    return history.get(hash).orElseThrow(() -> new IOException("version " + hash + " is missing from the history store"));
  }

  /**
   * Applies a plan: writes the merged version into the destination atomically and updates the
   * tracking or lock entry in the same step. Idempotent: a destination that already holds the
   * planned result only gets its tracking entry brought up to date; one that changed since the
   * plan is left alone and reported as skipped. A failed plan is reported, never applied.
   */
  public ArtifactResult apply(TierScope scope, Direction direction, ArtifactPlan plan)
      throws IOException {
    requireSync(direction);
    if (plan.failed()) {
      return ArtifactResult.error(plan.artifactId(), plan.reason(), plan.destinationHash());
    }
    if (plan.action() == PlanAction.SKIP) {
      String unchanged = plan.destinationHash();
      return result(plan, Outcome.SKIPPED, plan.reason(), unchanged, unchanged);
    }
    ArtifactId id = ArtifactId.parse(plan.artifactId());
    Path target = destinationPath(scope, direction, id);
    ArtifactTree current = reader.readDisk(target);
    String currentHash = current == null ? null : current.contentHash();
    boolean alreadyApplied = plan.writes() && java.util.Objects.equals(currentHash, plan.mergedHash());
    if (!alreadyApplied && !java.util.Objects.equals(currentHash, plan.destinationHash())) {
      return result(
          plan,
          Outcome.SKIPPED,
          "destination changed since the plan was made; run the sync again",
          currentHash,
          currentHash);
    }
    Instant now = clock.instant();
    String written = plan.writes() ? plan.mergedHash() : plan.destinationHash();
    if (!plan.writes() || alreadyApplied) {
      updateTracking(scope, direction, id, plan, written, now);
    } else {
      ArtifactTree merged =
          plan.mergedHash() == null
              ? null
              : history.get(plan.mergedHash()).orElseThrow(
                  () -> new IOException("planned version " + plan.mergedHash() + " is missing from the history store"));
      if (merged != null && id.type().shape() != ArtifactType.Shape.FILE_OR_FOLDER) {
        merged = merged.withShape(id.type().shape() == ArtifactType.Shape.FILE);
      }
      writer.write(
          target, merged, () -> updateTracking(scope, direction, id, plan, plan.mergedHash(), now));
    }
    String note = direction.label() + " " + plan.action().label();
    recordLineage(scope, direction, id, written, now, note);
    return result(
        plan, plan.action().outcome(), plan.action() == PlanAction.NONE ? "unchanged" : null,
        plan.destinationHash(), plan.writes() ? plan.mergedHash() : currentHash);
  }

  /** The result of applying {@code plan}, counting the files it planned to change. */
  private static ArtifactResult result(
      ArtifactPlan plan, Outcome outcome, String reason, String before, String after) {
    return new ArtifactResult(
        plan.artifactId(), outcome, reason, plan.filesAdded().size(), plan.filesRemoved().size(),
        plan.filesModified().size(), before, after);
  }

  /**
   * Resolves an artifact a sync left in conflict (SPEC section 5). {@code conflicted} is the plan
   * of that sync: its destination hash names the destination's version before the merge ("ours"),
   * its source hash the incoming version ("theirs"). With {@link MergeStrategy#OURS} or {@link
   * MergeStrategy#THEIRS} every conflicted file (markers, or a conflict the plan recorded) is
   * overwritten from that stored version; with {@link MergeStrategy#AUTO} the current files are
   * accepted if no markers remain. The current version is stored in the history store before
   * anything is overwritten. The tracking or lock entry moves to the source's version, as after a
   * clean sync.
   */
  public ResolveResult resolve(
      TierScope scope, Direction direction, ArtifactPlan conflicted, MergeStrategy strategy)
      throws IOException {
    requireSync(direction);
    ArtifactId id = ArtifactId.parse(conflicted.artifactId());
    Path target = destinationPath(scope, direction, id);
    ArtifactTree current = reader.readDisk(target);
    if (current == null) {
      return resolved(
          conflicted, Outcome.SKIPPED, "destination has no copy of the artifact", List.of(), null,
          null);
    }
    String before = history.put(current);
    java.util.SortedSet<String> conflictedPaths = new TreeSet<>(markedFiles(current));
    for (var c : conflicted.conflicts()) {
      conflictedPaths.add(c.path());
    }
    Instant now = clock.instant();
    if (strategy == MergeStrategy.AUTO) {
      List<String> unresolved = List.copyOf(markedFiles(current));
      if (!unresolved.isEmpty()) {
        return resolved(
            conflicted, Outcome.CONFLICT, unresolved.size() + " file(s) still hold conflict markers",
            unresolved, before, before);
      }
      if (conflicted.sourceHash() != null) {
        updateTracking(scope, direction, id, conflicted, before, now);
      }
      recordLineage(scope, direction, id, before, now, "resolve auto");
      return resolved(
          conflicted, Outcome.MERGED, "accepted the hand-resolved files", List.of(), before, before);
    }
    if (conflictedPaths.isEmpty()) {
      return resolved(
          conflicted, Outcome.UNCHANGED, "nothing to resolve", List.of(), before, before);
    }
    String sideHash = strategy == MergeStrategy.OURS ? conflicted.destinationHash() : conflicted.sourceHash();
    ArtifactTree side = load(sideHash);
    java.util.Map<String, dev.tiersync.engine.content.FileEntry> files = new java.util.TreeMap<>(current.files());
    for (String path : conflictedPaths) {
      var entry = side == null ? null : side.file(path);
      if (entry == null) {
        files.remove(path);
      } else {
        files.put(path, entry);
      }
    }
    ArtifactTree resolved = files.isEmpty() ? null : current.withFiles(files.values());
    String after = resolved == null ? null : history.put(resolved);
    writer.write(
        target, resolved, () -> updateTracking(scope, direction, id, conflicted, after, now));
    recordLineage(scope, direction, id, after, now, "resolve " + strategy.label());
    String tier = strategy == MergeStrategy.OURS
        ? direction.destination().label()
        : direction.source().label();
    List<String> unresolved = resolved == null ? List.of() : List.copyOf(markedFiles(resolved));
    return resolved(
        conflicted,
        unresolved.isEmpty() ? Outcome.UPDATED : Outcome.CONFLICT,
        "took the " + tier + " version of " + conflictedPaths.size() + " file(s)",
        unresolved, before, after);
  }

  /**
   * The result of a resolve. It counts one modified file when the artifact's version changed: a
   * resolve reports the versions before and after, not which files it took from a side.
   */
  private static ResolveResult resolved(
      ArtifactPlan conflicted, Outcome outcome, String reason, List<String> unresolved,
      String before, String after) {
    int modified = before != null && !before.equals(after) ? 1 : 0;
    return new ResolveResult(
        new ArtifactResult(conflicted.artifactId(), outcome, reason, 0, 0, modified, before, after),
        unresolved);
  }

  /** Paths of text files holding conflict markers. */
  private List<String> markedFiles(ArtifactTree tree) {
    List<String> out = new java.util.ArrayList<>();
    for (var e : tree.files().values()) {
      if (status.hasMarkers(e)) {
        out.add(e.path());
      }
    }
    return out;
  }

  /** Syncs, resolves and their bookkeeping run along the three sync edges only. */
  private static void requireSync(Direction direction) {
    if (direction.exportsPatch()) {
      throw new IllegalArgumentException(
          direction.label() + " exports a patch; it cannot be synced");
    }
  }

  private static Path destinationPath(TierScope scope, Direction direction, ArtifactId id) {
    return direction.destination() == Tier.PROJECT
        ? scope.project().artifactPath(id)
        : scope.collection().artifactPath(id);
  }

  /**
   * After a sync the edge's base becomes the source's version, as a Git merge makes the merged-in
   * commit an ancestor: edits the destination kept show as local modifications afterwards.
   *
   * @param written the destination's version once the job is done with it (what a collection's
   *     lock entry records)
   */
  private void updateTracking(
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

  private void recordLineage(
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

  private String store(ArtifactTree tree) throws IOException {
    return tree == null ? null : history.put(tree);
  }

  private static TextMerge.Labels labels(Direction d) {
    return new TextMerge.Labels(d.destination().label(), "base", d.source().label());
  }

  private static ArtifactPlan skip(
      ArtifactId id, MergeStrategy s, String reason, String src, String dst, String base) {
    return new ArtifactPlan(
        id.toString(), PlanAction.SKIP, reason, s, src, dst, base, null, null, null, null, null, null,
        null);
  }
}
