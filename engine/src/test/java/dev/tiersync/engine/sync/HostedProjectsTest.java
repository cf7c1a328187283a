package dev.tiersync.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.collection.ArtifactRemovals;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.FetchedArtifact;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.engine.testing.TestEngine;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.DeployedArtifact;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.upstream.FetchPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync whose project is on another host, run in its halves (the host's engine with its own
 * history store reads and writes the project; the server's plans and keeps the collection), does
 * what the same sync does with both tiers on one machine: the same outcomes, files, tracking
 * entries and merge bases, step after step. Two twins of the same tiers are driven side by side.
 */
class HostedProjectsTest {
  private static final ArtifactId PDF = ArtifactId.parse("skill:pdf-tools");
  private static final String BASE = "a\nb\nc\nd\ne\n";

  @TempDir Path tmp;
  private Tiers local;
  private Tiers hosted;
  private TestEngine agent;

  @BeforeEach
  void setUp() throws Exception {
    local = Tiers.create(tmp.resolve("local"));
    hosted = Tiers.create(tmp.resolve("hosted"));
    agent = TestEngine.open(tmp.resolve("agent-data"));
    for (Tiers t : List.of(local, hosted)) {
      t.upstream().commit("add skill", Map.of("skills/pdf-tools/SKILL.md", BASE));
      t.collection().list(t.upstreamSkill("pdf-tools"));
      SyncEngine e = t.engine().syncEngine();
      e.apply(t.scope(), Direction.UPSTREAM_TO_COLLECTION,
          e.plan(t.scope(), PDF, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO,
              FetchPolicy.ALWAYS, null));
    }
  }

  @AfterEach
  void tearDown() {
    agent.close();
    local.close();
    hosted.close();
  }

  @Test
  void everyStepOfAnArtifactsLife_isTheSameAsWithBothTiersOnOneMachine() throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    // First deploy.
    outcomes.add(same(Direction.COLLECTION_TO_PROJECT));
    // Both sides edited on different lines: a clean three-way merge needs the recorded base.
    editBoth(t -> t.collection().write(PDF, "SKILL.md", "A\nb\nc\nd\ne\n"),
        t -> t.project().write(PDF, "SKILL.md", "a\nb\nc\nd\nE\n"));
    outcomes.add(same(Direction.COLLECTION_TO_PROJECT));
    // The project's edit goes back to the collection; its tracking entry moves with it.
    editBoth(t -> t.project().write(PDF, "SKILL.md", "A\nb\nC\nd\nE\n"), t -> {});
    outcomes.add(same(Direction.PROJECT_TO_COLLECTION));
    outcomes.add(same(Direction.COLLECTION_TO_PROJECT));
    // The same line changed two ways: a conflict with the same markers.
    editBoth(t -> t.collection().write(PDF, "SKILL.md", "A\nb\nC\nd\nX\n"),
        t -> t.project().write(PDF, "SKILL.md", "A\nb\nC\nd\nY\n"));
    outcomes.add(same(Direction.COLLECTION_TO_PROJECT));
    // The project still has markers: syncing it back is refused on both.
    editBoth(t -> t.project().write(PDF, "notes.md", "n\n"), t -> {});
    outcomes.add(same(Direction.PROJECT_TO_COLLECTION));

    assertThat(outcomes)
        .containsExactly(
            Outcome.CREATED, Outcome.MERGED, Outcome.UPDATED, Outcome.UNCHANGED,
            Outcome.CONFLICT, Outcome.SKIPPED);
    assertThat(hosted.project().read(PDF, "SKILL.md")).contains("<<<<<<<");
  }

  @Test
  void resolvingAConflict_inTheProjectOrInTheCollection_isTheSameAsWithBothTiersOnOneMachine()
      throws Exception {
    same(Direction.COLLECTION_TO_PROJECT);
    editBoth(t -> t.collection().write(PDF, "SKILL.md", "a\nb\nc\nd\nX\n"),
        t -> t.project().write(PDF, "SKILL.md", "a\nb\nc\nd\nY\n"));
    ArtifactPlan[] plans = new ArtifactPlan[2];
    assertThat(same(Direction.COLLECTION_TO_PROJECT, plans)).isEqualTo(Outcome.CONFLICT);

    assertThat(sameResolve(Direction.COLLECTION_TO_PROJECT, plans, MergeStrategy.THEIRS).outcome())
        .isEqualTo(Outcome.UPDATED);
    assertThat(hosted.project().read(PDF, "SKILL.md")).isEqualTo("a\nb\nc\nd\nX\n");

    // The other way: the project's edit conflicts in the collection, which keeps its own side.
    editBoth(t -> t.collection().write(PDF, "SKILL.md", "a\nb\nc\nd\nZ\n"),
        t -> t.project().write(PDF, "SKILL.md", "a\nb\nc\nd\nW\n"));
    assertThat(same(Direction.PROJECT_TO_COLLECTION, plans)).isEqualTo(Outcome.CONFLICT);
    assertThat(sameResolve(Direction.PROJECT_TO_COLLECTION, plans, MergeStrategy.OURS).outcome())
        .isEqualTo(Outcome.UPDATED);
    assertThat(hosted.collection().read(PDF, "SKILL.md")).isEqualTo("a\nb\nc\nd\nZ\n");
  }

  @Test
  void theStatusOfAHostsProject_isTheLocalSnapshotsEdgeAtEveryStep() throws Exception {
    assertThat(sameStatus().status().label()).isEqualTo("missing");
    same(Direction.COLLECTION_TO_PROJECT);
    assertThat(sameStatus().status().label()).isEqualTo("synced");
    editBoth(t -> t.project().write(PDF, "SKILL.md", "a\nb\nc\nd\nE\n"), t -> {});
    assertThat(sameStatus().status().label()).isEqualTo("modified");
    editBoth(t -> t.collection().write(PDF, "SKILL.md", "A\nb\nc\nd\ne\n"), t -> {});
    assertThat(sameStatus().status().label()).isEqualTo("diverged");
  }

  /** The hosted status and the local snapshot's collection→project edge, checked equal. */
  private dev.tiersync.engine.status.EdgeStatus sameStatus() throws IOException {
    var expected =
        local.engine().syncEngine().snapshot(local.scope(), PDF, FetchPolicy.IF_MISSING)
            .collectionToProject();
    var actual = server().hosted().status(serverScope(), PDF, hostSide());
    assertThat(actual).isEqualTo(expected);
    return actual;
  }

  @Test
  void undeployingFromAHostsProject_plansAndRemovesAsWithBothTiersOnOneMachine() throws Exception {
    same(Direction.COLLECTION_TO_PROJECT);
    editBoth(t -> t.project().write(PDF, "SKILL.md", "a\nb\nc\nd\nE\n"), t -> {});
    // With local edits: skipped with the same reason unless forced.
    for (boolean force : new boolean[] {false, true}) {
      ArtifactRemovals one = removals(local.engine());
      ArtifactPlan expected = one.planUndeploy(local.scope(), PDF, force);
      ProjectSide side = hostSide();
      ArtifactPlan actual =
          removals(hosted.engine())
              .planUndeploy(
                  PDF, local.project().dir().toString(),
                  server().history().require(side.projectHash()), side.deployedHash() != null,
                  server().hosted().base(serverScope(), PDF, side), force);
      assertThat(actual.action()).isEqualTo(expected.action());
      assertThat(actual.reason()).isEqualTo(expected.reason());
      assertThat(actual.destinationHash()).isEqualTo(expected.destinationHash());
      assertThat(actual.baseHash()).isEqualTo(expected.baseHash());
      if (force) {
        assertThat(one.applyUndeploy(local.scope(), expected).outcome()).isEqualTo(Outcome.REMOVED);
        assertThat(removals(agent).applyUndeploy(hostScope(), actual).outcome())
            .isEqualTo(Outcome.REMOVED);
      }
    }
    assertThat(Files.exists(hosted.project().artifact(PDF))).isFalse();
    assertThat(deployedHash(hosted)).isNull();
  }

  private static ArtifactRemovals removals(TestEngine e) {
    return new ArtifactRemovals(
        e.syncEngine().reader(), e.history(), new dev.tiersync.engine.apply.AtomicArtifactWriter(),
        java.time.Clock.systemUTC());
  }

  @Test
  void aProjectSkillMeatDeployed_findsItsBaseFromTheUneditedCopy() throws Exception {
    for (Tiers t : List.of(local, hosted)) {
      // As `skillmeat deploy` leaves it: the copy and SkillMeat's hash of it, no tiersync record.
      Path copy = t.project().artifact(PDF);
      Files.createDirectories(copy);
      Files.writeString(copy.resolve("SKILL.md"), BASE);
      DeploymentTracking tracking = DeploymentTracking.load(t.project().trackingFile());
      tracking.upsert(
          DeployedArtifact.of(
              PDF, "default", dev.tiersync.engine.skillmeat.SkillMeatHash.of(copy),
              java.time.Instant.parse("2026-01-01T00:00:00Z")));
      tracking.save(t.project().trackingFile());
      t.collection().write(PDF, "SKILL.md", "a\nb\nc\nd\nE\n");
    }
    ProjectSide side = hostSide();
    assertThat(side.deployedHash()).isEqualTo(side.projectSkillMeatHash());
    assertThat(side.recordedBaseHash()).isNull();

    assertThat(same(Direction.COLLECTION_TO_PROJECT))
        .as("the unedited copy is the base, so the collection's edit is a fast-forward")
        .isEqualTo(Outcome.UPDATED);
  }

  @Test
  void aBrokenTrackingEntry_failsThatArtifactWithTheFileNamed() throws Exception {
    Files.writeString(
        hosted.project().trackingFile(),
        "[[deployed]]\nartifact_name = \"pdf-tools\"\nartifact_type = \"skill\"\n"
            + "from_collection = \"default\"\ndeployed_at = \"not a time\"\n"
            + "artifact_path = \"skills/pdf-tools\"\ncontent_hash = \"x\"\n");
    try {
      hostSide();
      org.junit.jupiter.api.Assertions.fail("a broken entry must not be read as a project side");
    } catch (dev.tiersync.engine.tier.InvalidTierFileException e) {
      assertThat(e.file().getFileName().toString()).isEqualTo(".skillmeat-deployed.toml");
    }
    FetchedArtifact f =
        server().hosted().fetch(serverScope(), PDF, Direction.COLLECTION_TO_PROJECT,
            ProjectSide.failed(PDF.toString(), ".skillmeat-deployed.toml:5: deployed_at: bad"));
    assertThat(f.error()).contains(".skillmeat-deployed.toml:5");
  }

  private interface Edit {
    void apply(Tiers t) throws IOException;
  }

  private void editBoth(Edit first, Edit second) throws IOException {
    for (Tiers t : List.of(local, hosted)) {
      first.apply(t);
      second.apply(t);
    }
  }

  private Outcome same(Direction direction) throws Exception {
    return same(direction, new ArtifactPlan[2]);
  }

  /**
   * Runs the sync both ways and checks the twins agree; returns its outcome, and the plans (local,
   * hosted) in {@code plans}.
   */
  private Outcome same(Direction direction, ArtifactPlan[] plans) throws Exception {
    SyncEngine one = local.engine().syncEngine();
    plans[0] = one.plan(local.scope(), PDF, direction, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
    ArtifactResult expected = one.apply(local.scope(), direction, plans[0]);
    ArtifactResult actual = hostedSync(direction, plans);
    assertSame(expected, actual);
    return actual.outcome();
  }

  /** Resolves the conflicts of {@code plans} both ways and checks the twins agree. */
  private ArtifactResult sameResolve(Direction direction, ArtifactPlan[] plans, MergeStrategy strategy)
      throws Exception {
    ArtifactResult expected =
        local.engine().syncEngine().resolve(local.scope(), direction, plans[0], strategy).result();
    ArtifactPlan plan = plans[1];
    String address = "laptop:" + hosted.project().dir();
    ArtifactResult actual;
    if (direction == Direction.COLLECTION_TO_PROJECT) {
      toAgent(plan.destinationHash(), plan.sourceHash());
      actual = agent.syncEngine().hosted().resolve(hostScope(), plan, strategy).result();
    } else {
      actual = server().resolve(serverScope(), direction, plan, strategy).result();
      if (ResolveResult.movesRecords(strategy, plan, actual)) {
        agent.syncEngine().hosted().recordDeployment(hostScope(), plan);
      }
    }
    server().hosted().resolved(serverScope(), direction, address, plan, strategy, actual);
    assertSame(expected, actual);
    return actual;
  }

  private void toAgent(String... hashes) throws IOException {
    for (String hash : hashes) {
      if (hash != null) {
        agent.history().put(server().history().require(hash));
      }
    }
  }

  private void assertSame(ArtifactResult expected, ArtifactResult actual) throws IOException {
    assertThat(actual.outcome()).isEqualTo(expected.outcome());
    assertThat(actual.afterHash()).isEqualTo(expected.afterHash());
    assertThat(actual.beforeHash()).isEqualTo(expected.beforeHash());
    assertThat(Tiers.hash(hosted.project().artifact(PDF)))
        .isEqualTo(Tiers.hash(local.project().artifact(PDF)));
    assertThat(Tiers.hash(hosted.collection().artifact(PDF)))
        .isEqualTo(Tiers.hash(local.collection().artifact(PDF)));
    assertThat(deployedHash(hosted)).isEqualTo(deployedHash(local));
    assertThat(DeploymentSidecar.load(hosted.project().layout().sidecarFile()).find(PDF))
        .isEqualTo(DeploymentSidecar.load(local.project().layout().sidecarFile()).find(PDF));
  }

  private static String deployedHash(Tiers t) throws IOException {
    return DeploymentTracking.load(t.project().trackingFile())
        .find(PDF)
        .map(DeployedArtifact::contentHash)
        .orElse(null);
  }

  private SyncEngine server() {
    return hosted.engine().syncEngine();
  }

  /** The server's scope: the collection only; the project is on the host. */
  private TierScope serverScope() {
    return new TierScope(hosted.collection().layout(), null);
  }

  /** The host's scope: its project, and the collection by name only (a folder it never has). */
  private TierScope hostScope() {
    return new TierScope(
        new CollectionLayout(tmp.resolve("agent-data/remote-collections/default")),
        hosted.project().layout());
  }

  private ProjectSide hostSide() throws IOException {
    ProjectSide side = agent.syncEngine().hosted().read(hostScope(), PDF);
    if (side.projectHash() != null) {
      server().history().put(agent.history().require(side.projectHash()));
    }
    return side;
  }

  private ArtifactResult hostedSync(Direction direction, ArtifactPlan[] plans) throws Exception {
    String address = "laptop:" + hosted.project().dir();
    ProjectSide side = hostSide();
    FetchedArtifact fetched = server().hosted().fetch(serverScope(), PDF, direction, side);
    ArtifactPlan plan = server().plan(direction, fetched, MergeStrategy.AUTO);
    plans[1] = plan;
    ArtifactResult result;
    if (direction == Direction.COLLECTION_TO_PROJECT) {
      toAgent(plan.mergedHash(), plan.sourceHash());
      result = agent.syncEngine().hosted().apply(hostScope(), plan);
    } else {
      result = server().apply(serverScope(), direction, plan);
      if (result.outcome() != Outcome.SKIPPED && result.outcome() != Outcome.ERROR) {
        agent.syncEngine().hosted().recordDeployment(hostScope(), plan);
      }
    }
    server().hosted().deployed(serverScope(), direction, address, plan, result);
    assertThat(Files.exists(tmp.resolve("agent-data/remote-collections")))
        .as("the host never writes a collection")
        .isFalse();
    return result;
  }
}
