package dev.tiersync.engine.collection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.upstream.FetchPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remove and undeploy on real folders, after real syncs. */
class ArtifactRemovalsTest {
  private static final ArtifactId PDF = ArtifactId.parse("skill:pdf-tools");
  private static final ArtifactId OTHER = ArtifactId.parse("skill:other");

  @TempDir Path tmp;
  private Tiers tiers;
  private SyncEngine engine;
  private ArtifactRemovals removals;
  private TierScope scope;

  @BeforeEach
  void setUp() throws Exception {
    tiers = Tiers.create(tmp);
    engine = tiers.engine().syncEngine();
    removals =
        new ArtifactRemovals(
            engine.reader(), tiers.engine().history(), new AtomicArtifactWriter(), Clock.systemUTC());
    scope = tiers.scope();
    tiers.upstream().commit("add", Map.of(
        "skills/pdf-tools/SKILL.md", "pdf\n", "skills/pdf-tools/ref/a.md", "a\n",
        "skills/other/SKILL.md", "other\n"));
    tiers.collection().list(tiers.upstreamSkill("pdf-tools"), tiers.upstreamSkill("other"));
    for (ArtifactId id : new ArtifactId[] {PDF, OTHER}) {
      sync(id, Direction.UPSTREAM_TO_COLLECTION);
      sync(id, Direction.COLLECTION_TO_PROJECT);
    }
  }

  @AfterEach
  void tearDown() {
    tiers.close();
  }

  private void sync(ArtifactId id, Direction d) throws IOException {
    engine.apply(scope, d, engine.plan(scope, id, d, MergeStrategy.AUTO, FetchPolicy.IF_MISSING, null));
  }

  @Test
  void remove_takesFilesAndEveryCollectionEntry_leavingOthersAndTheProject() throws Exception {
    String before = tiers.fingerprint();
    ArtifactPlan plan = removals.planRemove(scope, PDF);

    assertThat(plan.action()).isEqualTo(PlanAction.REMOVE);
    assertThat(plan.filesRemoved()).containsExactlyInAnyOrder("SKILL.md", "ref/a.md");
    assertThat(tiers.fingerprint()).as("a plan writes nothing").isEqualTo(before);
    assertThat(tiers.engine().history().get(plan.destinationHash())).as("kept in the history store").isPresent();

    ArtifactResult r = removals.applyRemove(scope, plan);

    assertThat(r.outcome()).isEqualTo(Outcome.REMOVED);
    assertThat(r.filesRemoved()).isEqualTo(2);
    assertThat(tiers.collection().artifact(PDF)).doesNotExist();
    assertThat(CollectionManifest.load(tiers.collection().manifestFile()).find(PDF)).isEmpty();
    assertThat(CollectionLock.load(tiers.collection().lockFile()).find(PDF)).isEmpty();
    assertThat(CollectionSidecar.load(tiers.collection().layout().sidecarFile()).find(PDF)).isEmpty();
    assertThat(CollectionManifest.load(tiers.collection().manifestFile()).find(OTHER)).isPresent();
    assertThat(tiers.project().read(PDF, "SKILL.md")).as("projects keep their copy").isEqualTo("pdf\n");
  }

  @Test
  void remove_ofACopyChangedSinceThePlan_isSkipped() throws Exception {
    ArtifactPlan plan = removals.planRemove(scope, PDF);
    tiers.collection().write(PDF, "SKILL.md", "edited meanwhile\n");

    ArtifactResult r = removals.applyRemove(scope, plan);

    assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(tiers.collection().read(PDF, "SKILL.md")).isEqualTo("edited meanwhile\n");
    assertThat(CollectionManifest.load(tiers.collection().manifestFile()).find(PDF)).isPresent();
  }

  @Test
  void remove_ofAnUnknownArtifact_fails() throws Exception {
    assertThat(removals.planRemove(scope, ArtifactId.parse("skill:nope")).reason())
        .contains("is not in collection default");
  }

  @Test
  void undeploy_ofAnUneditedCopy_takesFolderAndTrackingEntries() throws Exception {
    ArtifactPlan plan = removals.planUndeploy(scope, PDF, false);
    assertThat(plan.action()).isEqualTo(PlanAction.REMOVE);

    ArtifactResult r = removals.applyUndeploy(scope, plan);

    assertThat(r.outcome()).isEqualTo(Outcome.REMOVED);
    assertThat(tiers.project().artifact(PDF)).doesNotExist();
    assertThat(DeploymentTracking.load(tiers.project().trackingFile()).find(PDF)).isEmpty();
    assertThat(DeploymentSidecar.load(tiers.project().layout().sidecarFile()).find(PDF)).isEmpty();
    assertThat(DeploymentTracking.load(tiers.project().trackingFile()).find(OTHER)).isPresent();
    assertThat(tiers.collection().read(PDF, "SKILL.md")).isEqualTo("pdf\n");
  }

  @Test
  void undeploy_ofAnEditedCopy_isRefusedUnlessForced() throws Exception {
    tiers.project().write(PDF, "SKILL.md", "pdf\nmy edit\n");

    ArtifactPlan refused = removals.planUndeploy(scope, PDF, false);
    ArtifactResult kept = removals.applyUndeploy(scope, refused);

    assertThat(refused.action()).isEqualTo(PlanAction.SKIP);
    assertThat(refused.reason()).contains("local edits (1 file(s) differ from its base)").contains("force");
    assertThat(kept.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(tiers.project().read(PDF, "SKILL.md")).isEqualTo("pdf\nmy edit\n");

    ArtifactPlan forced = removals.planUndeploy(scope, PDF, true);
    ArtifactResult r = removals.applyUndeploy(scope, forced);

    assertThat(r.outcome()).isEqualTo(Outcome.REMOVED);
    assertThat(tiers.project().artifact(PDF)).doesNotExist();
    assertThat(tiers.engine().history().get(forced.destinationHash()))
        .as("the discarded edits stay in the history store").isPresent();
  }

  @Test
  void undeploy_ofACopyOnlyTheProjectHas_needsForce() throws Exception {
    ArtifactId mine = ArtifactId.parse("command:mine");
    tiers.project().write("commands/mine.md", "mine\n");

    assertThat(removals.planUndeploy(scope, mine, false).reason()).contains("exists only in the project");
    assertThat(removals.planUndeploy(scope, ArtifactId.parse("skill:nope"), false).reason())
        .contains("is not deployed in");
  }

  @Test
  void undeploy_whoseTrackingUpdateFails_putsTheFolderBack() throws Exception {
    ArtifactPlan plan = removals.planUndeploy(scope, PDF, false);
    java.nio.file.Files.writeString(tiers.project().trackingFile(), "not [ toml");

    try {
      removals.applyUndeploy(scope, plan);
    } catch (RuntimeException | IOException expected) {
      // the broken tracking file cannot be rewritten
    }

    assertThat(tiers.project().read(PDF, "SKILL.md")).isEqualTo("pdf\n");
  }
}
