package dev.tiersync.engine.sync;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.LineageKey;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.FetchedArtifact;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.ProjectSide;
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
  private final Clock clock;

  HostedProjects(
      SyncEngine engine, TierReader reader, HistoryStore history, TierRecords records,
      Clock clock) {
    this.engine = engine;
    this.reader = reader;
    this.history = history;
    this.records = records;
    this.clock = clock;
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
    ArtifactTree base = reader.projectBase(scope, id, collection, project, side);
    return engine.fetched(id, direction, collection, project, base);
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
    String skillMeatBase =
        reader.skillMeat().of(plan.sourceHash(), List.of(scope.collection().artifactPath(id)));
    records.holdSnapshot(scope, id, skillMeatBase, project, now);
    if (direction == Direction.COLLECTION_TO_PROJECT) {
      records.lineage(
          LineageKey.hostedProject(id, project), result.afterHash(), now,
          SyncEngine.lineageNote(direction, plan));
    }
  }
}
