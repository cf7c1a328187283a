package dev.tiersync.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.engine.skillmeat.SkillMeatHash;
import dev.tiersync.engine.status.SyncStatus;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.upstream.FetchPolicy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine end to end on real folders and a real bare upstream repository. */
class SyncEngineTest {
  private static final ArtifactId PDF = ArtifactId.parse("skill:pdf-tools");
  private static final String BASE = "a\nb\nc\nd\ne\n";

  @TempDir Path tmp;
  private Tiers tiers;
  private SyncEngine engine;
  private TierScope scope;

  @BeforeEach
  void setUp() throws Exception {
    tiers = Tiers.create(tmp);
    engine = tiers.engine().syncEngine();
    scope = tiers.scope();
    tiers.upstream().commit("add skill", Map.of("skills/pdf-tools/SKILL.md", BASE, "README.md", "repo\n"));
    tiers.collection().list(tiers.upstreamSkill("pdf-tools"));
  }

  @AfterEach
  void tearDown() {
    tiers.close();
  }

  @Test
  void listedButAbsent_isMissing_andUpstreamSyncCreatesIt() throws Exception {
    assertThat(snapshot(PDF).upstreamToCollection().status()).isEqualTo(SyncStatus.MISSING);

    ArtifactResult r = sync(PDF, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO);

    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(tiers.collection().read(PDF, "SKILL.md")).isEqualTo(BASE);
    CollectionManifest manifest = CollectionManifest.load(tiers.collection().manifestFile());
    String head = snapshot(PDF).upstream().head().commitSha();
    assertThat(manifest.find(PDF).orElseThrow().resolvedSha()).isEqualTo(head);
    assertThat(CollectionLock.load(tiers.collection().lockFile()).find(PDF).orElseThrow().contentHash())
        .as("SkillMeat's hash of the collection copy")
        .isEqualTo(SkillMeatHash.of(tiers.collection().artifact(PDF)));
    assertThat(CollectionSidecar.load(tiers.collection().layout().sidecarFile()).find(PDF).orElseThrow())
        .as("tiersync's own hash in its sidecar")
        .extracting(CollectionSidecar::contentHash, CollectionSidecar::skillMeatHash)
        .containsExactly(
            snapshot(PDF).collection().contentHash(),
            SkillMeatHash.of(tiers.collection().artifact(PDF)));
    assertThat(snapshot(PDF).upstreamToCollection().status()).isEqualTo(SyncStatus.SYNCED);
  }

  @Test
  void upstreamEdge_followsEveryRowOfTheStatusTable() throws Exception {
    sync(PDF, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO);

    tiers.upstream().commit("unrelated", Map.of("README.md", "changed elsewhere\n"));
    assertThat(u2c()).as("a commit touching another path").isEqualTo(SyncStatus.SYNCED);

    tiers.collection().write(PDF, "SKILL.md", "a\nb\nc\nd\nE\n");
    assertThat(u2c()).as("collection edited").isEqualTo(SyncStatus.MODIFIED);

    tiers.upstream().commit("upstream edit", Map.of("skills/pdf-tools/SKILL.md", "A\nb\nc\nd\ne\n"));
    assertThat(u2c()).as("both edited, apart").isEqualTo(SyncStatus.DIVERGED);

    tiers.collection().write(PDF, "SKILL.md", "X\nb\nc\nd\ne\n");
    assertThat(u2c()).as("both edited, same line").isEqualTo(SyncStatus.CONFLICT);

    tiers.collection().write(PDF, "SKILL.md", "A\nb\nc\nd\ne\n");
    assertThat(u2c()).as("both made the same edit").isEqualTo(SyncStatus.SYNCED);

    tiers.collection().write(PDF, "SKILL.md", BASE);
    assertThat(u2c()).as("only upstream changed").isEqualTo(SyncStatus.OUTDATED);

    tiers.upstream().commit("drop skill", nullValue("skills/pdf-tools/SKILL.md"));
    assertThat(u2c()).as("upstream removed the artifact").isEqualTo(SyncStatus.REMOVED);
  }

  @Test
  void projectEdge_followsEveryRowOfTheStatusTable() throws Exception {
    sync(PDF, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO);
    assertThat(c2p()).isEqualTo(SyncStatus.MISSING);

    assertThat(sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO).outcome())
        .isEqualTo(Outcome.CREATED);
    assertThat(c2p()).isEqualTo(SyncStatus.SYNCED);
    assertThat(DeploymentTracking.load(tiers.project().trackingFile()).find(PDF).orElseThrow().contentHash())
        .isEqualTo(SkillMeatHash.of(tiers.project().artifact(PDF)));
    assertThat(DeploymentSidecar.load(tiers.project().layout().sidecarFile()).find(PDF).orElseThrow().baseHash())
        .isEqualTo(snapshot(PDF).collection().contentHash());

    tiers.project().write(PDF, "SKILL.md", "a\nb\nc\nd\nP\n");
    assertThat(c2p()).isEqualTo(SyncStatus.MODIFIED);

    tiers.collection().write(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    assertThat(c2p()).isEqualTo(SyncStatus.DIVERGED);

    tiers.project().write(PDF, "SKILL.md", "Q\nb\nc\nd\ne\n");
    assertThat(c2p()).isEqualTo(SyncStatus.CONFLICT);

    tiers.project().write(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    assertThat(c2p()).isEqualTo(SyncStatus.SYNCED);

    tiers.project().write(PDF, "SKILL.md", BASE);
    assertThat(c2p()).isEqualTo(SyncStatus.OUTDATED);
    assertThat(snapshot(PDF).upstreamToCollection().status()).isEqualTo(SyncStatus.MODIFIED);
    assertThat(snapshot(PDF).overall()).as("worse of the two edges").isEqualTo(SyncStatus.MODIFIED);

    tiers.project().write(PDF, "SKILL.md", "<<<<<<< project\nx\n=======\ny\n>>>>>>> collection\n");
    assertThat(c2p()).isEqualTo(SyncStatus.CONFLICT);
  }

  @Test
  void projectEdge_rereadsATrackingFileEditedInPlace() throws Exception {
    deployed();
    tiers.project().write(PDF, "SKILL.md", "a\nb\nc\nd\nP\n");
    assertThat(c2p()).as("base from the tracking file").isEqualTo(SyncStatus.MODIFIED);

    // Another tool (SkillMeat) rewrites the file in place, without the rename tiersync uses.
    java.nio.file.Files.writeString(tiers.project().trackingFile(), "");

    assertThat(c2p()).as("no tracking entry, so no base").isEqualTo(SyncStatus.CONFLICT);
  }

  @Test
  void upstreamEdge_rereadsAManifestEditedInPlace() throws Exception {
    assertThat(snapshot(PDF).upstream()).as("listed with an upstream").isNotNull();
    java.nio.file.Path unlisted = tiers.collection().manifestFile().resolveSibling("unlisted.toml");
    CollectionManifest.create("default", java.time.Instant.EPOCH).save(unlisted);

    // Rewritten in place (same file, new content), as an editor or SkillMeat may do.
    java.nio.file.Files.write(tiers.collection().manifestFile(), java.nio.file.Files.readAllBytes(unlisted));

    assertThat(snapshot(PDF).upstream()).as("no longer listed, so no upstream").isNull();
  }

  @Test
  void collectionToProject_mergesKeepsLocalEditsAndMovesTheBase() throws Exception {
    deployed();
    tiers.project().write(PDF, "SKILL.md", "a\nb\nc\nd\nP\n");
    tiers.collection().write(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");

    ArtifactResult r = sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO);

    assertThat(r.outcome()).isEqualTo(Outcome.MERGED);
    assertThat(tiers.project().read(PDF, "SKILL.md")).isEqualTo("C\nb\nc\nd\nP\n");
    assertThat(c2p()).as("local edit kept, collection change taken").isEqualTo(SyncStatus.MODIFIED);
  }

  @Test
  void collectionToProject_conflictWritesMarkersWithTierNames() throws Exception {
    deployed();
    tiers.project().write(PDF, "SKILL.md", "P\nb\nc\nd\ne\n");
    tiers.collection().write(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");

    ArtifactResult r = sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO);

    assertThat(r.outcome()).isEqualTo(Outcome.CONFLICT);
    assertThat(tiers.project().read(PDF, "SKILL.md"))
        .isEqualTo("<<<<<<< project\nP\n||||||| base\na\n=======\nC\n>>>>>>> collection\nb\nc\nd\ne\n");
    assertThat(c2p()).isEqualTo(SyncStatus.CONFLICT);
  }

  @Test
  void projectToCollection_pushesEditsBack() throws Exception {
    deployed();
    tiers.project().write(PDF, "SKILL.md", "a\nb\nc\nd\nP\n");

    ArtifactResult r = sync(PDF, Direction.PROJECT_TO_COLLECTION, MergeStrategy.AUTO);

    assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(tiers.collection().read(PDF, "SKILL.md")).isEqualTo("a\nb\nc\nd\nP\n");
    assertThat(c2p()).isEqualTo(SyncStatus.SYNCED);
    assertThat(u2c()).as("the collection now has edits upstream lacks").isEqualTo(SyncStatus.MODIFIED);
  }

  @Test
  void strategies_takeOrKeepWholeSides() throws Exception {
    deployed();
    tiers.project().write(PDF, "SKILL.md", "P\nb\nc\nd\ne\n");
    tiers.collection().write(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");

    assertThat(sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.OURS).outcome())
        .isEqualTo(Outcome.UNCHANGED);
    assertThat(tiers.project().read(PDF, "SKILL.md")).isEqualTo("P\nb\nc\nd\ne\n");

    assertThat(sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.THEIRS).outcome())
        .isEqualTo(Outcome.UPDATED);
    assertThat(tiers.project().read(PDF, "SKILL.md")).isEqualTo("C\nb\nc\nd\ne\n");
  }

  @Test
  void plan_writesNothing() throws Exception {
    deployed();
    tiers.collection().write(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    String before = tiers.fingerprint();

    ArtifactPlan plan =
        engine.plan(scope, PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);

    assertThat(plan.action()).isEqualTo(PlanAction.UPDATE);
    assertThat(plan.filesModified()).containsExactly("SKILL.md");
    assertThat(tiers.fingerprint()).isEqualTo(before);
  }

  @Test
  void apply_isIdempotent_andRefusesAStalePlan() throws Exception {
    deployed();
    tiers.collection().write(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    ArtifactPlan plan =
        engine.plan(scope, PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);

    assertThat(engine.apply(scope, Direction.COLLECTION_TO_PROJECT, plan).outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(engine.apply(scope, Direction.COLLECTION_TO_PROJECT, plan).outcome()).as("re-run after a retry").isEqualTo(Outcome.UPDATED);

    tiers.collection().write(PDF, "SKILL.md", "D\nb\nc\nd\ne\n");
    ArtifactPlan second =
        engine.plan(scope, PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
    tiers.project().write(PDF, "SKILL.md", "edited after planning\n");
    ArtifactResult stale = engine.apply(scope, Direction.COLLECTION_TO_PROJECT, second);
    assertThat(stale.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(stale.reason()).contains("destination changed since the plan");
    assertThat(tiers.project().read(PDF, "SKILL.md")).isEqualTo("edited after planning\n");
  }

  @Test
  void sourceWithMarkers_isSkippedWithAReason() throws Exception {
    deployed();
    tiers.collection().write(PDF, "SKILL.md", "<<<<<<< a\nx\n=======\ny\n>>>>>>> b\n");

    ArtifactResult r = sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.THEIRS);

    assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(r.reason()).isEqualTo("source has conflict markers");
    assertThat(tiers.project().read(PDF, "SKILL.md")).isEqualTo(BASE);
  }

  @Test
  void lineage_recordsEveryVersionWritten() throws Exception {
    deployed();
    tiers.collection().write(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO);

    var lineage = tiers.engine().history().lineage(dev.tiersync.engine.history.LineageKey.project(PDF, tiers.project().dir()));
    assertThat(lineage).hasSize(2);
    assertThat(lineage.get(1).contentHash()).isEqualTo(snapshot(PDF).project().contentHash());
  }

  @Test
  void resolve_oursAndTheirsOverwriteConflictedFilesFromStoredVersions() throws Exception {
    ArtifactPlan plan = conflictOnSkillMdWithLocalNotes();
    String conflicted = snapshot(PDF).project().contentHash();

    ResolveResult theirs = engine.resolve(scope, Direction.COLLECTION_TO_PROJECT, plan, MergeStrategy.THEIRS);

    assertThat(theirs.result().outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(theirs.unresolvedFiles()).isEmpty();
    assertThat(tiers.project().read(PDF, "SKILL.md")).isEqualTo("C\nb\nc\nd\ne\n");
    assertThat(tiers.project().read(PDF, "notes.md")).as("files without conflicts are kept").isEqualTo("local notes\n");
    assertThat(tiers.engine().history().get(conflicted)).as("the overwritten version stays in history").isPresent();
    assertThat(c2p()).isEqualTo(SyncStatus.MODIFIED);

    tiers.project().write(PDF, "SKILL.md", "<<<<<<< project\nx\n=======\ny\n>>>>>>> collection\n");
    ResolveResult ours = engine.resolve(scope, Direction.COLLECTION_TO_PROJECT, plan, MergeStrategy.OURS);
    assertThat(ours.result().outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(tiers.project().read(PDF, "SKILL.md")).isEqualTo("P\nb\nc\nd\ne\n");
  }

  /**
   * A collection→project sync left in conflict on SKILL.md (P vs C on the first line), with a
   * project-only notes.md beside it; returns its plan.
   */
  private ArtifactPlan conflictOnSkillMdWithLocalNotes() throws Exception {
    deployed();
    tiers.project().write(PDF, "SKILL.md", "P\nb\nc\nd\ne\n");
    tiers.project().write(PDF, "notes.md", "local notes\n");
    tiers.collection().write(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    ArtifactPlan plan =
        engine.plan(scope, PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
    assertThat(engine.apply(scope, Direction.COLLECTION_TO_PROJECT, plan).outcome()).isEqualTo(Outcome.CONFLICT);
    return plan;
  }

  @Test
  void resolve_withAChosenResult_writesTheStoredFilesOfTheConflictedPathsOnly() throws Exception {
    ArtifactPlan plan = conflictOnSkillMdWithLocalNotes();
    String chosen =
        tiers.engine().history().put(
            dev.tiersync.engine.content.ArtifactTree.folder(java.util.List.of(
                dev.tiersync.engine.merge.ArtifactMerger.inMemory(
                    "SKILL.md", dev.tiersync.engine.content.FileMode.REGULAR,
                    "P\nC\nb\nc\nd\ne\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))));

    // The strategy plays no part once a result is chosen, auto included.
    ResolveResult r =
        engine.resolve(scope, Direction.COLLECTION_TO_PROJECT, plan.withResultHash(chosen), MergeStrategy.AUTO);

    assertThat(r.result().outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(r.result().reason()).isEqualTo("wrote the chosen result of 1 file(s)");
    assertThat(tiers.project().read(PDF, "SKILL.md")).isEqualTo("P\nC\nb\nc\nd\ne\n");
    assertThat(tiers.project().read(PDF, "notes.md")).isEqualTo("local notes\n");
    assertThat(c2p()).as("tracking moved to the collection's version").isEqualTo(SyncStatus.MODIFIED);
    var lineage = tiers.engine().history().lineage(
        dev.tiersync.engine.history.LineageKey.project(PDF, tiers.project().dir()));
    assertThat(lineage.get(lineage.size() - 1).note()).isEqualTo("resolve chosen");
  }

  @Test
  void resolve_auto_acceptsHandEditsOrReportsFilesStillMarked() throws Exception {
    deployed();
    tiers.project().write(PDF, "SKILL.md", "P\nb\nc\nd\ne\n");
    tiers.collection().write(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    ArtifactPlan plan =
        engine.plan(scope, PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
    engine.apply(scope, Direction.COLLECTION_TO_PROJECT, plan);

    ResolveResult stillMarked = engine.resolve(scope, Direction.COLLECTION_TO_PROJECT, plan, MergeStrategy.AUTO);
    assertThat(stillMarked.result().outcome()).isEqualTo(Outcome.CONFLICT);
    assertThat(stillMarked.unresolvedFiles()).containsExactly("SKILL.md");

    tiers.project().write(PDF, "SKILL.md", "PC\nb\nc\nd\ne\n");
    ResolveResult accepted = engine.resolve(scope, Direction.COLLECTION_TO_PROJECT, plan, MergeStrategy.AUTO);
    assertThat(accepted.result().outcome()).isEqualTo(Outcome.MERGED);
    assertThat(accepted.unresolvedFiles()).isEmpty();
    assertThat(c2p()).as("hand merge kept, base moved to the collection's version").isEqualTo(SyncStatus.MODIFIED);
  }

  @Test
  void resolve_upstreamConflict_recordsTheResolvedContentInTheLock() throws Exception {
    sync(PDF, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO);
    tiers.collection().write(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    tiers.upstream().commit("upstream edit", Map.of("skills/pdf-tools/SKILL.md", "U\nb\nc\nd\ne\n"));
    ArtifactPlan plan =
        engine.plan(scope, PDF, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
    assertThat(engine.apply(scope, Direction.UPSTREAM_TO_COLLECTION, plan).outcome()).isEqualTo(Outcome.CONFLICT);

    ResolveResult theirs = engine.resolve(scope, Direction.UPSTREAM_TO_COLLECTION, plan, MergeStrategy.THEIRS);

    assertThat(tiers.collection().read(PDF, "SKILL.md")).isEqualTo("U\nb\nc\nd\ne\n");
    String onDisk = snapshot(PDF).collection().contentHash();
    assertThat(theirs.result().afterHash()).isEqualTo(onDisk);
    assertThat(CollectionLock.load(tiers.collection().lockFile()).find(PDF).orElseThrow().contentHash())
        .as("the lock records the resolved version, not the conflicted merge")
        .isEqualTo(SkillMeatHash.of(tiers.collection().artifact(PDF)));
    assertThat(CollectionSidecar.load(tiers.collection().layout().sidecarFile()).find(PDF).orElseThrow().contentHash())
        .isEqualTo(onDisk);
    assertThat(u2c()).isEqualTo(SyncStatus.SYNCED);
  }

  private ArtifactSnapshot snapshot(ArtifactId id) throws Exception {
    return engine.snapshot(scope, id, FetchPolicy.ALWAYS);
  }

  private ArtifactResult sync(ArtifactId id, Direction direction, MergeStrategy strategy)
      throws Exception {
    ArtifactPlan plan = engine.plan(scope, id, direction, strategy, FetchPolicy.ALWAYS, null);
    return engine.apply(scope, direction, plan);
  }

  private void deployed() throws Exception {
    sync(PDF, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO);
    sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO);
  }

  private SyncStatus u2c() throws Exception {
    return snapshot(PDF).upstreamToCollection().status();
  }

  private SyncStatus c2p() throws Exception {
    return snapshot(PDF).collectionToProject().status();
  }

  private static Map<String, String> nullValue(String path) {
    Map<String, String> m = new HashMap<>();
    m.put(path, null);
    return m;
  }
}
