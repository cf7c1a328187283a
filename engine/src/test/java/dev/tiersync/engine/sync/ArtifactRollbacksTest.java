package dev.tiersync.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.history.LineageEntry;
import dev.tiersync.engine.history.LineageKey;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.model.Tier;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.RolledBack;
import dev.tiersync.engine.upstream.FetchPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollbacks of the collection and of a project, on real folders after real syncs. */
class ArtifactRollbacksTest {
  private static final ArtifactId PDF = ArtifactId.parse("skill:pdf-tools");
  private static final String V1 = "line one\nline two\nline three\nline four\nline five\n";
  private static final String V2 = "line one\nline TWO (v2)\nline three\nline four\nline five\n";

  @TempDir Path tmp;
  private Tiers tiers;
  private SyncEngine engine;
  private ArtifactRollbacks rollbacks;
  private TierScope scope;
  private String v1;
  private String v2;
  private RevCommit second;

  @BeforeEach
  void setUp() throws Exception {
    tiers = Tiers.create(tmp);
    engine = tiers.engine().syncEngine();
    rollbacks = engine.rollbacks();
    scope = tiers.scope();
    tiers.upstream().commit("v1", files(V1, "a\n", null));
    tiers.collection().list(tiers.upstreamSkill("pdf-tools"));
    sync(Direction.UPSTREAM_TO_COLLECTION);
    sync(Direction.COLLECTION_TO_PROJECT);
    v1 = Tiers.hash(tiers.collection().artifact(PDF));
    // v2 changes a line, drops ref/a.md and adds ref/b.md: a rollback must put the folder back whole.
    second = tiers.upstream().commit("v2", files(V2, null, "b\n"));
    sync(Direction.UPSTREAM_TO_COLLECTION);
    sync(Direction.COLLECTION_TO_PROJECT);
    v2 = Tiers.hash(tiers.collection().artifact(PDF));
  }

  @AfterEach
  void tearDown() {
    tiers.close();
  }

  private static Map<String, String> files(String skillMd, String a, String b) {
    Map<String, String> f = new HashMap<>();
    f.put("skills/pdf-tools/SKILL.md", skillMd);
    f.put("skills/pdf-tools/ref/a.md", a);
    f.put("skills/pdf-tools/ref/b.md", b);
    return f;
  }

  private ArtifactPlan plan(Direction d) throws IOException {
    return engine.plan(scope, PDF, d, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
  }

  private ArtifactResult sync(Direction d) throws IOException {
    return engine.apply(scope, d, plan(d));
  }

  @Test
  void collection_rollback_plansWithoutWriting_thenWritesTheVersionWhole_andKeepsTheBase()
      throws Exception {
    String before = tiers.fingerprint();
    ArtifactPlan plan = rollbacks.plan(scope, Tier.COLLECTION, PDF, v1);

    assertThat(plan.action()).isEqualTo(PlanAction.UPDATE);
    assertThat(plan.destinationHash()).isEqualTo(v2);
    assertThat(plan.mergedHash()).isEqualTo(v1);
    assertThat(plan.filesAdded()).containsExactly("ref/a.md");
    assertThat(plan.filesRemoved()).containsExactly("ref/b.md");
    assertThat(plan.filesModified()).containsExactly("SKILL.md");
    assertThat(tiers.fingerprint()).as("a plan writes nothing").isEqualTo(before);

    ArtifactResult r = rollbacks.apply(scope, Tier.COLLECTION, plan, "job-1");

    assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(r.beforeHash()).isEqualTo(v2);
    assertThat(r.afterHash()).isEqualTo(v1);
    Path copy = tiers.collection().artifact(PDF);
    assertThat(Tiers.hash(copy)).isEqualTo(v1);
    assertThat(Files.readString(copy.resolve("SKILL.md"))).isEqualTo(V1);
    assertThat(copy.resolve("ref/a.md")).hasContent("a\n");
    assertThat(copy.resolve("ref/b.md")).doesNotExist();
    CollectionManifest manifest = CollectionManifest.load(tiers.collection().manifestFile());
    assertThat(manifest.find(PDF).orElseThrow().resolvedSha())
        .as("the upstream base stays at v2's commit")
        .isEqualTo(second.getName());
    CollectionSidecar record =
        CollectionSidecar.load(tiers.collection().layout().sidecarFile()).find(PDF).orElseThrow();
    assertThat(record.contentHash()).isEqualTo(v1);
    assertThat(CollectionLock.load(tiers.collection().lockFile()).find(PDF).orElseThrow().contentHash())
        .isEqualTo(record.skillMeatHash());
    RolledBack rolledBack =
        engine.reader().rolledBack(scope, Tier.COLLECTION, PDF, v1).orElseThrow();
    assertThat(rolledBack.fromHash()).isEqualTo(v2);
    assertThat(rolledBack.jobId()).isEqualTo("job-1");
    List<LineageEntry> lineage =
        tiers.engine().history().lineage(LineageKey.collection(PDF, "default"));
    assertThat(lineage.get(lineage.size() - 1).contentHash()).isEqualTo(v1);
    assertThat(lineage.get(lineage.size() - 1).note())
        .isEqualTo("rolled back from " + v2.substring(0, 7) + " to " + v1.substring(0, 7));
  }

  @Test
  void collection_afterARollback_anUpstreamChangeMerges_keepsTheRollback_andThePlanSaysSo()
      throws Exception {
    rollbacks.apply(scope, Tier.COLLECTION, rollbacks.plan(scope, Tier.COLLECTION, PDF, v1), "job-1");
    tiers.upstream().commit("v3", files(V2.replace("line five", "line FIVE (v3)"), null, "b\n"));

    ArtifactPlan update = rollbacks.explain(scope, Direction.UPSTREAM_TO_COLLECTION, plan(Direction.UPSTREAM_TO_COLLECTION));

    assertThat(update.action()).as("not a fast-forward over the rollback").isEqualTo(PlanAction.MERGE);
    assertThat(update.reason())
        .startsWith("collection was rolled back from " + v2.substring(0, 7) + " on ")
        .contains("(job job-1)")
        .endsWith("this update merges upstream's changes into it");
    assertThat(engine.apply(scope, Direction.UPSTREAM_TO_COLLECTION, update).outcome())
        .isEqualTo(Outcome.MERGED);
    Path copy = tiers.collection().artifact(PDF);
    assertThat(Files.readString(copy.resolve("SKILL.md")))
        .isEqualTo("line one\nline two\nline three\nline four\nline FIVE (v3)\n");
    assertThat(copy.resolve("ref/a.md")).exists();
    assertThat(copy.resolve("ref/b.md")).doesNotExist();
    assertThat(engine.reader().rolledBack(scope, Tier.COLLECTION, PDF, Tiers.hash(copy)))
        .as("shown only while the collection holds the rolled-back version")
        .isEmpty();
  }

  @Test
  void collection_changedSinceThePlan_isSkipped_andToTheCurrentVersion_isUnchanged()
      throws Exception {
    ArtifactPlan plan = rollbacks.plan(scope, Tier.COLLECTION, PDF, v1);
    tiers.collection().write(PDF, "SKILL.md", "edited meanwhile\n");

    ArtifactResult skipped = rollbacks.apply(scope, Tier.COLLECTION, plan, "job-2");

    assertThat(skipped.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(skipped.reason()).contains("changed since the plan was made");
    assertThat(tiers.collection().read(PDF, "SKILL.md")).isEqualTo("edited meanwhile\n");

    String current = Tiers.hash(tiers.collection().artifact(PDF));
    ArtifactPlan none = rollbacks.plan(scope, Tier.COLLECTION, PDF, current);
    String before = tiers.fingerprint();
    assertThat(none.action()).isEqualTo(PlanAction.NONE);
    assertThat(rollbacks.apply(scope, Tier.COLLECTION, none, "job-3").outcome())
        .isEqualTo(Outcome.UNCHANGED);
    assertThat(tiers.fingerprint()).isEqualTo(before);
    assertThat(engine.reader().rolledBack(scope, Tier.COLLECTION, PDF, current)).isEmpty();
  }

  @Test
  void project_rollback_keepsTheDeployedBase_soTheNextDeployDoesNotFastForward() throws Exception {
    DeploymentTracking trackingBefore = DeploymentTracking.load(tiers.project().trackingFile());
    ArtifactPlan plan = rollbacks.plan(scope, Tier.PROJECT, PDF, v1);
    assertThat(plan.destinationHash()).isEqualTo(v2);

    ArtifactResult r = rollbacks.apply(scope, Tier.PROJECT, plan, "job-4");

    assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(Tiers.hash(tiers.project().artifact(PDF))).isEqualTo(v1);
    assertThat(tiers.project().artifact(PDF).resolve("ref/b.md")).doesNotExist();
    assertThat(DeploymentTracking.load(tiers.project().trackingFile()).find(PDF))
        .isEqualTo(trackingBefore.find(PDF));
    assertThat(DeploymentSidecar.load(tiers.project().layout().sidecarFile()).find(PDF).orElseThrow().baseHash())
        .isEqualTo(v2);
    assertThat(engine.reader().rolledBack(scope, Tier.PROJECT, PDF, v1)).isPresent();

    ArtifactPlan deploy =
        rollbacks.explain(scope, Direction.COLLECTION_TO_PROJECT, plan(Direction.COLLECTION_TO_PROJECT));
    assertThat(deploy.action()).as("the collection did not change since the base").isEqualTo(PlanAction.NONE);
    engine.apply(scope, Direction.COLLECTION_TO_PROJECT, deploy);
    assertThat(Tiers.hash(tiers.project().artifact(PDF))).isEqualTo(v1);
  }

  @Test
  void plan_ofAnArtifactTheTierLacks_orAVersionNotStored_fails() throws Exception {
    assertThat(rollbacks.plan(scope, Tier.COLLECTION, ArtifactId.parse("skill:nope"), v1).reason())
        .isEqualTo("skill:nope is not in the collection");
    assertThat(rollbacks.plan(scope, Tier.PROJECT, PDF, "0".repeat(64)).reason())
        .isEqualTo("version " + "0".repeat(64) + " is not in the history store");
  }
}
