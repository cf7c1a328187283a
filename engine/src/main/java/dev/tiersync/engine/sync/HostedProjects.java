package dev.tiersync.engine.sync;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.LineageKey;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.FetchedArtifact;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.engine.status.EdgeStatus;
import dev.tiersync.engine.status.StatusCalculator;
import dev.tiersync.engine.tier.DeployedArtifact;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.tier.InvalidTierFileException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A sync between the collection and a project on another host, in the halves that run where each
 * tier is (docs/agents.md). The host reads its project ({@link #read}) and writes it ({@link
 * #apply}, {@link #recordDeployment}); the server plans from what the host read ({@link #fetch})
 * and keeps what belongs to the collection ({@link #deployed}). Put together they read and write
 * what {@link SyncEngine#fetch} and {@link SyncEngine#apply} do with both tiers on one machine.
 *
 * <p>On the host the engine's scope names the collection only by its name: its folder there does
 * not exist and is never written (a placeholder under the agent's data folder).
 */
public final class HostedProjects {
  private final SyncEngine engine;
  private final TierReader reader;
  private final HistoryStore history;
  private final TierRecords records;
  private final ConflictResolver resolver;
  private final StatusCalculator status;
  private final Clock clock;

  HostedProjects(
      SyncEngine engine, TierReader reader, HistoryStore history, TierRecords records,
      ConflictResolver resolver, StatusCalculator status, Clock clock) {
    this.engine = engine;
    this.status = status;
    this.reader = reader;
    this.history = history;
    this.records = records;
    this.resolver = resolver;
    this.clock = clock;
  }

  /** The history store the versions hosts read are kept in. */
  public HistoryStore history() {
    return history;
  }

  /**
   * On the host: the project's side of one artifact, its version stored in this machine's history
   * store (the caller hands it to the server's).
   *
   * @throws InvalidTierFileException when an entry of the artifact in the project's tracking files
   *     breaks a rule
   */
  public ProjectSide read(TierScope scope, ArtifactId id) throws IOException {
    List<InvalidEntry> invalid = reader.invalidEntries(scope, id);
    if (!invalid.isEmpty()) {
      throw InvalidTierFileException.of(invalid.get(0));
    }
    ArtifactTree project = reader.project(scope, id);
    String projectHash = project == null ? null : history.put(project);
    DeployedArtifact deployed = reader.deployed(scope, id).orElse(null);
    if (deployed == null || deployed.contentHash().isBlank()) {
      return new ProjectSide(id.toString(), projectHash, null, null, null, null);
    }
    String recorded =
        reader.deploymentSidecar(scope, id)
            .filter(s -> s.matches(deployed))
            .map(DeploymentSidecar::baseHash)
            .orElse(null);
    String copy =
        project == null ? null : reader.skillMeat().ofCopy(scope.project().artifactPath(id), project);
    return new ProjectSide(id.toString(), projectHash, deployed.contentHash(), recorded, copy, null);
  }

  /**
   * On the server: the versions of a sync between the collection and a project another host read
   * ({@code side}), stored; the project's version must be in the history store already.
   *
   * @throws InvalidTierFileException when an entry of the artifact in the collection's files
   *     breaks a rule
   */
  public FetchedArtifact fetch(TierScope scope, ArtifactId id, Direction direction, ProjectSide side)
      throws IOException {
    SyncEdges.requireSync(direction);
    if (!direction.needsProject()) {
      throw new IllegalArgumentException(direction.label() + " involves no project");
    }
    List<InvalidEntry> invalid = reader.invalidEntries(scope, id);
    if (!invalid.isEmpty()) {
      throw InvalidTierFileException.of(invalid.get(0));
    }
    if (side.error() != null) {
      return FetchedArtifact.failed(id.toString(), side.error());
    }
    ArtifactTree collection = reader.collection(scope, id);
    ArtifactTree project = side.projectHash() == null ? null : history.require(side.projectHash());
    return engine.fetched(id, direction, collection, project, base(scope, id, collection, project, side));
  }

  /**
   * On the server: the collection→project edge of one artifact of a project another host read
   * ({@code side}), from the same versions and base a sync of it would use ({@link #fetch}); the
   * project's version must be in the history store already. What the fleet view shows for a host's
   * project.
   *
   * @param collectionScope the collection (its project, if any, is not read)
   * @return null when neither the collection nor the project has the artifact
   * @throws InvalidTierFileException when an entry of the artifact in the collection's files
   *     breaks a rule
   * @throws IllegalArgumentException for a side in error (the caller shows its error instead)
   */
  public EdgeStatus status(TierScope collectionScope, ArtifactId id, ProjectSide side)
      throws IOException {
    TierScope scope = new TierScope(collectionScope.collection(), null);
    List<InvalidEntry> invalid = reader.invalidEntries(scope, id);
    if (!invalid.isEmpty()) {
      throw InvalidTierFileException.of(invalid.get(0));
    }
    if (side.error() != null) {
      throw new IllegalArgumentException("the project side of " + id + " is in error: " + side.error());
    }
    ArtifactTree collection = reader.collection(scope, id);
    ArtifactTree project = side.projectHash() == null ? null : history.require(side.projectHash());
    if (collection == null && project == null) {
      return null;
    }
    return status.edge(
        collection, project, base(scope, id, collection, project, side), id.type());
  }

  /**
   * The collection→project base of a project another host read ({@code side}, its version in the
   * history store), or null when no record names one.
   */
  public ArtifactTree base(TierScope scope, ArtifactId id, ProjectSide side) throws IOException {
    ArtifactTree project = side.projectHash() == null ? null : history.require(side.projectHash());
    return base(scope, id, reader.collection(scope, id), project, side);
  }

  /** The collection→project base of a project another host read, found as a local sync finds it. */
  private ArtifactTree base(
      TierScope scope, ArtifactId id, ArtifactTree collection, ArtifactTree project, ProjectSide side)
      throws IOException {
    return reader.projectBase(scope, id, collection, project, side);
  }

  /**
   * On the host: writes a collection→project plan into the project with its tracking entry, as
   * {@link SyncEngine#apply} does; the planned version and the source's must be in this machine's
   * history store.
   */
  public ArtifactResult apply(TierScope scope, ArtifactPlan plan) throws IOException {
    return engine.apply(scope, Direction.COLLECTION_TO_PROJECT, plan, false);
  }

  /**
   * On the host, after the server wrote a project→collection plan into the collection: the
   * project's tracking entry moves to the version it gave, as a local sync's does in the same step.
   */
  public void recordDeployment(TierScope scope, ArtifactPlan plan) throws IOException {
    records.recordDeployment(scope, ArtifactId.parse(plan.artifactId()), plan, clock.instant());
  }

  /**
   * On the host: resolves a collection→project conflict in the project as {@link
   * SyncEngine#resolve} does; the stored versions the plan names must be in this machine's
   * history store.
   */
  public ResolveResult resolve(TierScope scope, ArtifactPlan conflicted, MergeStrategy strategy)
      throws IOException {
    return resolver.resolve(scope, Direction.COLLECTION_TO_PROJECT, conflicted, strategy, false);
  }

  /**
   * On the server, after a resolve of a project on a host (in the project, or in the collection
   * with the host's tracking entry moved after): the collection's SkillMeat snapshot of the
   * deploy's base when the records moved, and for a resolve in the project its lineage.
   *
   * @param project the project's {@code host:path}
   */
  public void resolved(
      TierScope scope, Direction direction, String project, ArtifactPlan conflicted,
      MergeStrategy strategy, ArtifactResult result)
      throws IOException {
    ArtifactId id = ArtifactId.parse(conflicted.artifactId());
    Instant now = clock.instant();
    if (ResolveResult.movesRecords(strategy, conflicted, result)) {
      holdSnapshot(scope, id, conflicted, project, now);
    }
    boolean wrote =
        result.outcome() != Outcome.SKIPPED
            && result.outcome() != Outcome.ERROR
            && result.outcome() != Outcome.UNCHANGED
            && !(strategy == MergeStrategy.AUTO && conflicted.resultHash() == null
                && result.outcome() == Outcome.CONFLICT);
    if (wrote && direction == Direction.COLLECTION_TO_PROJECT) {
      records.lineage(
          LineageKey.hostedProject(id, project), result.afterHash(), now,
          ConflictResolver.lineageNote(conflicted, strategy));
    }
  }

  private void holdSnapshot(
      TierScope scope, ArtifactId id, ArtifactPlan plan, String project, Instant now)
      throws IOException {
    String skillMeatBase =
        reader.skillMeat().of(plan.sourceHash(), List.of(scope.collection().artifactPath(id)));
    records.holdSnapshot(scope, id, skillMeatBase, project, now);
  }

  /**
   * On the server, after the host wrote (or recorded) a deploy: the collection's SkillMeat
   * snapshot holding its base, and for a collection→project sync the project's lineage. Nothing
   * for a result that wrote nothing because it was skipped or failed.
   *
   * @param project the project's {@code host:path}
   */
  public void deployed(
      TierScope scope, Direction direction, String project, ArtifactPlan plan, ArtifactResult result)
      throws IOException {
    if (result.outcome() == Outcome.SKIPPED || result.outcome() == Outcome.ERROR) {
      return;
    }
    ArtifactId id = ArtifactId.parse(plan.artifactId());
    Instant now = clock.instant();
    holdSnapshot(scope, id, plan, project, now);
    if (direction == Direction.COLLECTION_TO_PROJECT) {
      records.lineage(
          LineageKey.hostedProject(id, project), result.afterHash(), now,
          SyncEngine.lineageNote(direction, plan));
    }
  }
}
