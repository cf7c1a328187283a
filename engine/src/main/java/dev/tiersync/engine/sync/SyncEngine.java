package dev.tiersync.engine.sync;

import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.LineageKey;
import dev.tiersync.engine.merge.ArtifactMergeResult;
import dev.tiersync.engine.merge.ArtifactMerger;
import dev.tiersync.engine.merge.MergeStrategy;
import dev.tiersync.engine.merge.TextMerge;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactType;
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
   * then {@link #plan(FetchedVersions, MergeStrategy)}.
   */
  public SyncPlan plan(
      TierScope scope,
      ArtifactId id,
      SyncDirection direction,
      MergeStrategy strategy,
      FetchPolicy policy,
      FetchProgress progress)
      throws IOException {
    return plan(fetch(scope, id, direction, policy, progress), strategy);
  }

  /**
   * Reads the source, destination and base versions of one artifact for a sync and stores them in
   * the history store. Writes nothing to any tier.
   *
   * @throws IllegalArgumentException when the direction needs a project and none was given
   * @throws InvalidTierFileException when an entry of the artifact in {@code collection.toml} or
   *     the tracking file breaks a rule (see {@link TierReader#invalidEntries(TierScope,
   *     ArtifactId)}); nothing is read or stored
   */
  public FetchedVersions fetch(
      TierScope scope,
      ArtifactId id,
      SyncDirection direction,
      FetchPolicy policy,
      FetchProgress progress)
      throws IOException {
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
          return new FetchedVersions(
              id, direction, null, store(reader.collection(scope, id)), null, null, null,
              "artifact has no upstream in collection.toml");
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
        boolean toProject = direction == SyncDirection.COLLECTION_TO_PROJECT;
        source = toProject ? collection : project;
        destination = toProject ? project : collection;
      }
      default -> throw new IllegalStateException("unknown direction " + direction);
    }
    return new FetchedVersions(
        id, direction, store(source), store(destination), store(base), upstreamSha, upstreamRef,
        source == null ? "source no longer has the artifact" : null);
  }

  /** Plans a sync from fetched versions (read back from the history store). Writes nothing. */
  public SyncPlan plan(FetchedVersions f, MergeStrategy strategy) throws IOException {
    ArtifactId id = f.artifactId();
    SyncDirection direction = f.direction();
    if (f.skipReason() != null) {
      return skip(id, direction, strategy, f.skipReason(), f.sourceHash(), f.destinationHash(), f.baseHash());
    }
    ArtifactTree source = load(f.sourceHash());
    ArtifactTree destination = load(f.destinationHash());
    ArtifactTree base = load(f.baseHash());
    String sourceHash = f.sourceHash();
    String destinationHash = f.destinationHash();
    String baseHash = f.baseHash();
    if (status.hasMarkers(source)) {
      return skip(id, direction, strategy, "source has conflict markers", sourceHash, destinationHash, baseHash);
    }
    ArtifactMerger merger = new ArtifactMerger(labels(direction));
    ArtifactMergeResult merged = merger.merge(base, destination, source, strategy);
    String mergedHash = store(merged.merged());
    SyncPlan.Action action;
    String reason = null;
    if (destination == null) {
      action = SyncPlan.Action.CREATE;
    } else if (merged.unchanged()) {
      action = SyncPlan.Action.NONE;
      reason = "unchanged";
    } else if (!merged.clean()) {
      action = SyncPlan.Action.CONFLICT;
    } else if (strategy == MergeStrategy.AUTO && base != null && !baseHash.equals(destinationHash)) {
      action = SyncPlan.Action.MERGE;
    } else {
      action = SyncPlan.Action.UPDATE;
    }
    return new SyncPlan(
        id, direction, strategy, action, reason, sourceHash, destinationHash, baseHash, mergedHash,
        merged.filesAdded(), merged.filesRemoved(), merged.filesModified(), merged.conflicts(),
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
   * plan is left alone and reported as skipped.
   */
  public ApplyResult apply(TierScope scope, SyncPlan plan) throws IOException {
    if (plan.action() == SyncPlan.Action.SKIP) {
      return new ApplyResult(ApplyResult.Outcome.SKIPPED, plan.reason(), plan.destinationHash(), plan.destinationHash());
    }
    Path target = destinationPath(scope, plan);
    ArtifactTree current = reader.readDisk(target);
    String currentHash = current == null ? null : current.contentHash();
    boolean alreadyApplied = plan.writes() && java.util.Objects.equals(currentHash, plan.mergedHash());
    if (!alreadyApplied && !java.util.Objects.equals(currentHash, plan.destinationHash())) {
      return new ApplyResult(
          ApplyResult.Outcome.SKIPPED,
          "destination changed since the plan was made; run the sync again",
          currentHash,
          currentHash);
    }
    Instant now = clock.instant();
    if (!plan.writes() || alreadyApplied) {
      updateTracking(scope, plan, plan.writes() ? plan.mergedHash() : plan.destinationHash(), now);
    } else {
      ArtifactTree merged =
          plan.mergedHash() == null
              ? null
              : history.get(plan.mergedHash()).orElseThrow(
                  () -> new IOException("planned version " + plan.mergedHash() + " is missing from the history store"));
      if (merged != null && plan.artifactId().type().shape() != ArtifactType.Shape.FILE_OR_FOLDER) {
        merged = merged.withShape(plan.artifactId().type().shape() == ArtifactType.Shape.FILE);
      }
      writer.write(target, merged, () -> updateTracking(scope, plan, plan.mergedHash(), now));
    }
    recordLineage(scope, plan, now);
    return new ApplyResult(outcome(plan), plan.action() == SyncPlan.Action.NONE ? "unchanged" : null, plan.destinationHash(), plan.writes() ? plan.mergedHash() : currentHash);
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
  public ResolveResult resolve(TierScope scope, SyncPlan conflicted, MergeStrategy strategy)
      throws IOException {
    Path target = destinationPath(scope, conflicted);
    ArtifactTree current = reader.readDisk(target);
    if (current == null) {
      return new ResolveResult(
          ApplyResult.Outcome.SKIPPED, "destination has no copy of the artifact", List.of(), null, null);
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
        return new ResolveResult(
            ApplyResult.Outcome.CONFLICT, unresolved.size() + " file(s) still hold conflict markers",
            unresolved, before, before);
      }
      if (conflicted.sourceHash() != null) {
        updateTracking(scope, conflicted, before, now);
      }
      recordLineage(scope, conflicted, before, now, "resolve auto");
      return new ResolveResult(
          ApplyResult.Outcome.MERGED, "accepted the hand-resolved files", List.of(), before, before);
    }
    if (conflictedPaths.isEmpty()) {
      return new ResolveResult(ApplyResult.Outcome.UNCHANGED, "nothing to resolve", List.of(), before, before);
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
    writer.write(target, resolved, () -> updateTracking(scope, conflicted, after, now));
    recordLineage(scope, conflicted, after, now, "resolve " + strategy.label());
    String tier = strategy == MergeStrategy.OURS
        ? conflicted.direction().destination().label()
        : conflicted.direction().source().label();
    List<String> unresolved = resolved == null ? List.of() : List.copyOf(markedFiles(resolved));
    return new ResolveResult(
        unresolved.isEmpty() ? ApplyResult.Outcome.UPDATED : ApplyResult.Outcome.CONFLICT,
        "took the " + tier + " version of " + conflictedPaths.size() + " file(s)",
        unresolved, before, after);
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

  private static ApplyResult.Outcome outcome(SyncPlan plan) {
    return switch (plan.action()) {
      case CREATE -> ApplyResult.Outcome.CREATED;
      case UPDATE -> ApplyResult.Outcome.UPDATED;
      case MERGE -> ApplyResult.Outcome.MERGED;
      case CONFLICT -> ApplyResult.Outcome.CONFLICT;
      case NONE -> ApplyResult.Outcome.UNCHANGED;
      case SKIP -> ApplyResult.Outcome.SKIPPED;
    };
  }

  private Path destinationPath(TierScope scope, SyncPlan plan) {
    return plan.direction().destination() == Tier.PROJECT
        ? scope.project().artifactPath(plan.artifactId())
        : scope.collection().artifactPath(plan.artifactId());
  }

  /**
   * After a sync the edge's base becomes the source's version, as a Git merge makes the merged-in
   * commit an ancestor: edits the destination kept show as local modifications afterwards.
   */
  /**
   * @param written the destination's version once the job is done with it (what a collection's
   *     lock entry records)
   */
  private void updateTracking(TierScope scope, SyncPlan plan, String written, Instant now)
      throws IOException {
    ArtifactId id = plan.artifactId();
    switch (plan.direction()) {
      case UPSTREAM_TO_COLLECTION ->
          TierWriteLock.run(scope.collection().root(), () -> recordUpstreamSync(scope, plan, written, now));
      case COLLECTION_TO_PROJECT, PROJECT_TO_COLLECTION -> {
        TierWriteLock.run(scope.project().claudeDir(), () -> recordDeployment(scope, plan, now));
        if (plan.direction() == SyncDirection.PROJECT_TO_COLLECTION) {
          TierWriteLock.run(scope.collection().root(), () -> listInCollection(scope, id, now));
        }
      }
      default -> throw new IllegalStateException("unknown direction " + plan.direction());
    }
  }

  /**
   * The upstream→collection bookkeeping: the artifact's lock entry and its {@code resolved_sha}.
   * Runs under the collection's writer lock and re-reads both files, so it changes only this
   * artifact's entries of the current files.
   */
  private void recordUpstreamSync(TierScope scope, SyncPlan plan, String written, Instant now)
      throws IOException {
    ArtifactId id = plan.artifactId();
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
  private void recordDeployment(TierScope scope, SyncPlan plan, Instant now) throws IOException {
    AtomicFiles.removeStaleTemps(scope.project().trackingFile());
    DeploymentTracking tracking = reader.tracking(scope);
    DeployedArtifact existing = tracking.find(plan.artifactId()).orElse(null);
    DeployedArtifact next =
        existing == null
            ? DeployedArtifact.of(plan.artifactId(), scope.collection().name(), plan.sourceHash(), now)
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

  private void recordLineage(TierScope scope, SyncPlan plan, Instant now) throws IOException {
    String hash = plan.writes() ? plan.mergedHash() : plan.destinationHash();
    recordLineage(scope, plan, hash, now, plan.direction().label() + " " + plan.action().label());
  }

  private void recordLineage(TierScope scope, SyncPlan plan, String hash, Instant now, String note)
      throws IOException {
    if (hash == null) {
      return;
    }
    LineageKey key =
        plan.direction().destination() == Tier.PROJECT
            ? LineageKey.project(plan.artifactId(), scope.project().projectDir())
            : LineageKey.collection(plan.artifactId(), scope.collection().name());
    history.recordLineage(key, hash, now, note);
  }

  private String store(ArtifactTree tree) throws IOException {
    return tree == null ? null : history.put(tree);
  }

  private static TextMerge.Labels labels(SyncDirection d) {
    return new TextMerge.Labels(d.destination().label(), "base", d.source().label());
  }

  private static SyncPlan skip(
      ArtifactId id, SyncDirection d, MergeStrategy s, String reason, String src, String dst, String base) {
    return new SyncPlan(
        id, d, s, SyncPlan.Action.SKIP, reason, src, dst, base, null, List.of(), List.of(), List.of(), List.of(), null, null);
  }
}
