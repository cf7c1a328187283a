package dev.tiersync.engine.sync;

import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.merge.ArtifactMergeResult;
import dev.tiersync.engine.merge.ArtifactMerger;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
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
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.FetchProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;

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
  private final TierRecords records;
  private final ConflictResolver resolver;
  private final HostedProjects hosted;
  private final ArtifactRollbacks rollbacks;

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
    this.records = new TierRecords(reader, history);
    this.resolver = new ConflictResolver(reader, history, status, writer, records, clock);
    this.hosted = new HostedProjects(this, reader, history, records, resolver, status, clock);
    this.rollbacks = new ArtifactRollbacks(reader, history, writer, records, clock);
  }

  public TierReader reader() {
    return reader;
  }

  /** The history store the engine keeps every version it sees in. */
  public HistoryStore history() {
    return history;
  }

  /** The artifacts of the collection (manifest and disk), plus those deployed in the project. */
  public SortedSet<ArtifactId> artifacts(TierScope scope) throws IOException {
    return reader.artifacts(scope);
  }

  /** Every version of an artifact and the status of both edges. */
  public ArtifactSnapshot snapshot(TierScope scope, ArtifactId id, FetchPolicy policy)
      throws IOException {
    ManifestArtifact entry = reader.manifestEntry(scope, id).orElse(null);
    ArtifactTree collection = reader.collection(scope, id);
    Optional<UpstreamVersion> upstream = reader.upstream(entry, policy, null);
    EdgeStatus u2c =
        upstream
            .map(u -> status.edge(u.tree(), collection, u.baseTree(), id.type()))
            .orElse(null);
    ArtifactTree project = null;
    ArtifactTree projectBase = null;
    EdgeStatus c2p = null;
    if (scope.hasProject()) {
      project = reader.project(scope, id);
      projectBase = reader.projectBase(scope, id, collection, project);
      c2p = status.edge(collection, project, projectBase, id.type());
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
    SyncEdges.requireSync(direction);
    if (direction.needsProject() && !scope.hasProject()) {
      throw new IllegalArgumentException(direction.label() + " needs a project_path");
    }
    List<InvalidEntry> invalid = reader.invalidEntries(scope, id);
    if (!invalid.isEmpty()) {
      throw InvalidTierFileException.of(invalid.get(0));
    }
    if (direction == Direction.UPSTREAM_TO_COLLECTION) {
      return fetchUpstream(
          scope, id, reader.manifestEntry(scope, id).orElse(null), policy, progress);
    }
    ArtifactTree collection = reader.collection(scope, id);
    ArtifactTree project = reader.project(scope, id);
    return fetched(id, direction, collection, project, reader.projectBase(scope, id, collection, project));
  }

  /** The versions of a sync between the collection and a project, stored. */
  FetchedArtifact fetched(
      ArtifactId id, Direction direction, ArtifactTree collection, ArtifactTree project,
      ArtifactTree base)
      throws IOException {
    boolean toProject = direction == Direction.COLLECTION_TO_PROJECT;
    ArtifactTree source = toProject ? collection : project;
    ArtifactTree destination = toProject ? project : collection;
    return new FetchedArtifact(
        id.toString(), store(source), store(destination), store(base), null, null,
        source == null ? "source no longer has the artifact" : null, null);
  }

  /**
   * The halves of a sync whose project is on another host, run on that host and on the server
   * (docs/agents.md).
   */
  public HostedProjects hosted() {
    return hosted;
  }

  /** Rolling a tier's copy of an artifact back to an earlier version, and its records. */
  public ArtifactRollbacks rollbacks() {
    return rollbacks;
  }

  static String lineageNote(Direction direction, ArtifactPlan plan) {
    return direction.label() + " " + plan.action().label();
  }

  /**
   * Reads the versions of an upstream→collection sync of one artifact as if {@code entry} were its
   * {@code collection.toml} entry, and stores them in the history store. A sync passes the entry on
   * disk; adding or re-pinning an artifact passes the entry it proposes, so its plan is made before
   * anything is written. Writes nothing to any tier.
   */
  public FetchedArtifact fetchUpstream(
      TierScope scope, ArtifactId id, ManifestArtifact entry, FetchPolicy policy,
      FetchProgress progress)
      throws IOException {
    Optional<UpstreamVersion> up = reader.upstream(entry, policy, progress);
    if (up.isEmpty()) {
      return new FetchedArtifact(
          id.toString(), null, store(reader.collection(scope, id)), null, null, null,
          "artifact has no upstream in collection.toml", null);
    }
    ArtifactTree source = up.get().tree();
    return new FetchedArtifact(
        id.toString(), store(source), store(reader.collection(scope, id)),
        store(up.get().baseTree()), up.get().head().commitSha(), up.get().head().refName(),
        source == null ? "source no longer has the artifact" : null, null);
  }

  /**
   * Plans a sync from fetched versions (read back from the history store). Writes nothing. An
   * artifact that cannot be synced ({@link FetchedArtifact#error()}) gets a failed plan.
   */
  public ArtifactPlan plan(Direction direction, FetchedArtifact f, MergeStrategy strategy)
      throws IOException {
    SyncEdges.requireSync(direction);
    if (f.error() != null) {
      return ArtifactPlan.failed(f.artifactId(), f.error(), strategy);
    }
    ArtifactId id = ArtifactId.parse(f.artifactId());
    if (f.skipReason() != null) {
      return ArtifactPlan.skipped(
          id.toString(), strategy, f.skipReason(), f.sourceHash(), f.destinationHash(), f.baseHash());
    }
    ArtifactTree source = history.require(f.sourceHash());
    ArtifactTree destination = history.require(f.destinationHash());
    ArtifactTree base = history.require(f.baseHash());
    String sourceHash = f.sourceHash();
    String destinationHash = f.destinationHash();
    String baseHash = f.baseHash();
    if (status.hasMarkers(source)) {
      return ArtifactPlan.skipped(
          id.toString(), strategy, "source has conflict markers", sourceHash, destinationHash, baseHash);
    }
    ArtifactMerger merger = new ArtifactMerger(SyncEdges.labels(direction), id.type());
    ArtifactMergeResult merged = merger.merge(base, destination, source, strategy);
    String mergedHash = store(merged.merged());
    PlanAction action;
    String reason = null;
    if (destination == null) {
      action = PlanAction.CREATE;
    } else if (!merged.clean()) {
      // Before "unchanged": a conflict that keeps the destination's file (binary, delete/modify,
      // invalid front matter) is still a conflict, as the edge's status says.
      action = PlanAction.CONFLICT;
    } else if (merged.unchanged()) {
      action = PlanAction.NONE;
      reason = "unchanged";
    } else if (strategy == MergeStrategy.AUTO && base != null && !baseHash.equals(destinationHash)) {
      action = PlanAction.MERGE;
    } else {
      action = PlanAction.UPDATE;
    }
    List<FileConflict> conflicts =
        merged.conflicts().stream()
            .map(c -> new FileConflict(id.toString(), c.path(), c.kind(), c.reason()))
            .toList();
    return new ArtifactPlan(
        id.toString(), action, reason, strategy, sourceHash, destinationHash, baseHash, mergedHash,
        merged.filesAdded(), merged.filesRemoved(), merged.filesModified(), conflicts,
        f.upstreamSha(), f.upstreamRef());
  }

  /**
   * Applies a plan: writes the merged version into the destination atomically and updates the
   * tracking or lock entry in the same step. Idempotent: a destination that already holds the
   * planned result only gets its tracking entry brought up to date; one that changed since the
   * plan is left alone and reported as skipped. A failed plan is reported, never applied.
   */
  public ArtifactResult apply(TierScope scope, Direction direction, ArtifactPlan plan)
      throws IOException {
    return apply(scope, direction, plan, true);
  }

  /**
   * {@link #apply(TierScope, Direction, ArtifactPlan)}; with {@code collectionHere} false this is
   * a project's host writing a collection→project plan, and the server keeps the collection's
   * snapshot and the lineage ({@link HostedProjects#deployed}).
   */
  ArtifactResult apply(
      TierScope scope, Direction direction, ArtifactPlan plan, boolean collectionHere)
      throws IOException {
    SyncEdges.requireSync(direction);
    if (plan.failed()) {
      return ArtifactResult.error(plan.artifactId(), plan.reason(), plan.destinationHash());
    }
    if (plan.action() == PlanAction.SKIP) {
      String unchanged = plan.destinationHash();
      return ArtifactResult.ofPlan(plan, Outcome.SKIPPED, plan.reason(), unchanged, unchanged);
    }
    ArtifactId id = ArtifactId.parse(plan.artifactId());
    Path target = SyncEdges.destinationPath(scope, direction, id);
    ArtifactTree current = reader.readDisk(target);
    String currentHash = current == null ? null : current.contentHash();
    boolean alreadyApplied = plan.writes() && Objects.equals(currentHash, plan.mergedHash());
    if (!alreadyApplied && !Objects.equals(currentHash, plan.destinationHash())) {
      return ArtifactResult.ofPlan(
          plan, Outcome.SKIPPED, "destination changed since the plan was made; run the sync again",
          currentHash, currentHash);
    }
    if (current != null && direction.destination() == Tier.COLLECTION && plan.writes()) {
      // A project deployed by SkillMeat names the collection's version by SkillMeat's hash only;
      // remember that name before the version is replaced, so the project keeps its merge base.
      reader.skillMeat().ofCopy(target, current);
    }
    Instant now = clock.instant();
    String written = plan.writes() ? plan.mergedHash() : plan.destinationHash();
    if (!plan.writes() || alreadyApplied) {
      records.afterWrite(scope, direction, id, plan, written, now, collectionHere);
    } else {
      ArtifactTree merged = SyncEdges.shaped(history.require(plan.mergedHash()), id);
      writer.write(
          target, merged,
          () -> records.afterWrite(
              scope, direction, id, plan, plan.mergedHash(), now, collectionHere));
    }
    if (collectionHere) {
      records.lineage(scope, direction, id, written, now, lineageNote(direction, plan));
    }
    return ArtifactResult.ofPlan(
        plan, plan.action().outcome(), plan.action() == PlanAction.NONE ? "unchanged" : null,
        plan.destinationHash(), plan.writes() ? plan.mergedHash() : currentHash);
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
    return resolver.resolve(scope, direction, conflicted, strategy);
  }

  private String store(ArtifactTree tree) throws IOException {
    return tree == null ? null : history.put(tree);
  }
}
