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
  private TierWorkspace ws;

  @BeforeEach
  void setUp() throws Exception {
    ws = new TierWorkspace(tmp);
    ws.commitUpstream("add skill", Map.of("skills/pdf-tools/SKILL.md", BASE, "README.md", "repo\n"));
    ws.listSkillFromUpstream("pdf-tools", "main");
  }

  @AfterEach
  void tearDown() {
    ws.close();
  }

  @Test
  void listedButAbsent_isMissing_andUpstreamSyncCreatesIt() throws Exception {
    assertThat(ws.snapshot(PDF).upstreamToCollection().status()).isEqualTo(SyncStatus.MISSING);

    ArtifactResult r = ws.sync(PDF, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO);

    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(ws.readCollection(PDF, "SKILL.md")).isEqualTo(BASE);
    CollectionManifest manifest = CollectionManifest.load(ws.collection.manifestFile());
    String head = ws.snapshot(PDF).upstream().head().commitSha();
    assertThat(manifest.find(PDF).orElseThrow().resolvedSha()).isEqualTo(head);
    assertThat(CollectionLock.load(ws.collection.lockFile()).find(PDF).orElseThrow().contentHash())
        .as("SkillMeat's hash of the collection copy")
        .isEqualTo(SkillMeatHash.of(ws.collection.artifactPath(PDF)));
    assertThat(CollectionSidecar.load(ws.collection.sidecarFile()).find(PDF).orElseThrow())
        .as("tiersync's own hash in its sidecar")
        .extracting(CollectionSidecar::contentHash, CollectionSidecar::skillMeatHash)
        .containsExactly(
            ws.snapshot(PDF).collection().contentHash(),
            SkillMeatHash.of(ws.collection.artifactPath(PDF)));
    assertThat(ws.snapshot(PDF).upstreamToCollection().status()).isEqualTo(SyncStatus.SYNCED);
  }

  @Test
  void upstreamEdge_followsEveryRowOfTheStatusTable() throws Exception {
    ws.sync(PDF, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO);

    ws.commitUpstream("unrelated", Map.of("README.md", "changed elsewhere\n"));
    assertThat(u2c()).as("a commit touching another path").isEqualTo(SyncStatus.SYNCED);

    ws.writeCollection(PDF, "SKILL.md", "a\nb\nc\nd\nE\n");
    assertThat(u2c()).as("collection edited").isEqualTo(SyncStatus.MODIFIED);

    ws.commitUpstream("upstream edit", Map.of("skills/pdf-tools/SKILL.md", "A\nb\nc\nd\ne\n"));
    assertThat(u2c()).as("both edited, apart").isEqualTo(SyncStatus.DIVERGED);

    ws.writeCollection(PDF, "SKILL.md", "X\nb\nc\nd\ne\n");
    assertThat(u2c()).as("both edited, same line").isEqualTo(SyncStatus.CONFLICT);

    ws.writeCollection(PDF, "SKILL.md", "A\nb\nc\nd\ne\n");
    assertThat(u2c()).as("both made the same edit").isEqualTo(SyncStatus.SYNCED);

    ws.writeCollection(PDF, "SKILL.md", BASE);
    assertThat(u2c()).as("only upstream changed").isEqualTo(SyncStatus.OUTDATED);

    ws.commitUpstream("drop skill", nullValue("skills/pdf-tools/SKILL.md"));
    assertThat(u2c()).as("upstream removed the artifact").isEqualTo(SyncStatus.REMOVED);
  }

  @Test
  void projectEdge_followsEveryRowOfTheStatusTable() throws Exception {
    ws.sync(PDF, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO);
    assertThat(c2p()).isEqualTo(SyncStatus.MISSING);

    assertThat(ws.sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO).outcome())
        .isEqualTo(Outcome.CREATED);
    assertThat(c2p()).isEqualTo(SyncStatus.SYNCED);
    assertThat(DeploymentTracking.load(ws.project.trackingFile()).find(PDF).orElseThrow().contentHash())
        .isEqualTo(SkillMeatHash.of(ws.project.artifactPath(PDF)));
    assertThat(DeploymentSidecar.load(ws.project.sidecarFile()).find(PDF).orElseThrow().baseHash())
        .isEqualTo(ws.snapshot(PDF).collection().contentHash());

    ws.writeProject(PDF, "SKILL.md", "a\nb\nc\nd\nP\n");
    assertThat(c2p()).isEqualTo(SyncStatus.MODIFIED);

    ws.writeCollection(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    assertThat(c2p()).isEqualTo(SyncStatus.DIVERGED);

    ws.writeProject(PDF, "SKILL.md", "Q\nb\nc\nd\ne\n");
    assertThat(c2p()).isEqualTo(SyncStatus.CONFLICT);

    ws.writeProject(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    assertThat(c2p()).isEqualTo(SyncStatus.SYNCED);

    ws.writeProject(PDF, "SKILL.md", BASE);
    assertThat(c2p()).isEqualTo(SyncStatus.OUTDATED);
    assertThat(ws.snapshot(PDF).upstreamToCollection().status()).isEqualTo(SyncStatus.MODIFIED);
    assertThat(ws.snapshot(PDF).overall()).as("worse of the two edges").isEqualTo(SyncStatus.MODIFIED);

    ws.writeProject(PDF, "SKILL.md", "<<<<<<< project\nx\n=======\ny\n>>>>>>> collection\n");
    assertThat(c2p()).isEqualTo(SyncStatus.CONFLICT);
  }

  @Test
  void projectEdge_rereadsATrackingFileEditedInPlace() throws Exception {
    deployed();
    ws.writeProject(PDF, "SKILL.md", "a\nb\nc\nd\nP\n");
    assertThat(c2p()).as("base from the tracking file").isEqualTo(SyncStatus.MODIFIED);

    // Another tool (SkillMeat) rewrites the file in place, without the rename tiersync uses.
    java.nio.file.Files.writeString(ws.project.trackingFile(), "");

    assertThat(c2p()).as("no tracking entry, so no base").isEqualTo(SyncStatus.CONFLICT);
  }

  @Test
  void upstreamEdge_rereadsAManifestEditedInPlace() throws Exception {
    assertThat(ws.snapshot(PDF).upstream()).as("listed with an upstream").isNotNull();
    java.nio.file.Path unlisted = ws.collection.manifestFile().resolveSibling("unlisted.toml");
    CollectionManifest.create("default", java.time.Instant.EPOCH).save(unlisted);

    // Rewritten in place (same file, new content), as an editor or SkillMeat may do.
    java.nio.file.Files.write(ws.collection.manifestFile(), java.nio.file.Files.readAllBytes(unlisted));

    assertThat(ws.snapshot(PDF).upstream()).as("no longer listed, so no upstream").isNull();
  }

  @Test
  void collectionToProject_mergesKeepsLocalEditsAndMovesTheBase() throws Exception {
    deployed();
    ws.writeProject(PDF, "SKILL.md", "a\nb\nc\nd\nP\n");
    ws.writeCollection(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");

    ArtifactResult r = ws.sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO);

    assertThat(r.outcome()).isEqualTo(Outcome.MERGED);
    assertThat(ws.readProject(PDF, "SKILL.md")).isEqualTo("C\nb\nc\nd\nP\n");
    assertThat(c2p()).as("local edit kept, collection change taken").isEqualTo(SyncStatus.MODIFIED);
  }

  @Test
  void collectionToProject_conflictWritesMarkersWithTierNames() throws Exception {
    deployed();
    ws.writeProject(PDF, "SKILL.md", "P\nb\nc\nd\ne\n");
    ws.writeCollection(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");

    ArtifactResult r = ws.sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO);

    assertThat(r.outcome()).isEqualTo(Outcome.CONFLICT);
    assertThat(ws.readProject(PDF, "SKILL.md"))
        .isEqualTo("<<<<<<< project\nP\n||||||| base\na\n=======\nC\n>>>>>>> collection\nb\nc\nd\ne\n");
    assertThat(c2p()).isEqualTo(SyncStatus.CONFLICT);
  }

  @Test
  void projectToCollection_pushesEditsBack() throws Exception {
    deployed();
    ws.writeProject(PDF, "SKILL.md", "a\nb\nc\nd\nP\n");

    ArtifactResult r = ws.sync(PDF, Direction.PROJECT_TO_COLLECTION, MergeStrategy.AUTO);

    assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(ws.readCollection(PDF, "SKILL.md")).isEqualTo("a\nb\nc\nd\nP\n");
    assertThat(c2p()).isEqualTo(SyncStatus.SYNCED);
    assertThat(u2c()).as("the collection now has edits upstream lacks").isEqualTo(SyncStatus.MODIFIED);
  }

  @Test
  void strategies_takeOrKeepWholeSides() throws Exception {
    deployed();
    ws.writeProject(PDF, "SKILL.md", "P\nb\nc\nd\ne\n");
    ws.writeCollection(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");

    assertThat(ws.sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.OURS).outcome())
        .isEqualTo(Outcome.UNCHANGED);
    assertThat(ws.readProject(PDF, "SKILL.md")).isEqualTo("P\nb\nc\nd\ne\n");

    assertThat(ws.sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.THEIRS).outcome())
        .isEqualTo(Outcome.UPDATED);
    assertThat(ws.readProject(PDF, "SKILL.md")).isEqualTo("C\nb\nc\nd\ne\n");
  }

  @Test
  void plan_writesNothing() throws Exception {
    deployed();
    ws.writeCollection(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    String before = ws.fingerprint();

    ArtifactPlan plan =
        ws.engine.plan(ws.scope, PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);

    assertThat(plan.action()).isEqualTo(PlanAction.UPDATE);
    assertThat(plan.filesModified()).containsExactly("SKILL.md");
    assertThat(ws.fingerprint()).isEqualTo(before);
  }

  @Test
  void apply_isIdempotent_andRefusesAStalePlan() throws Exception {
    deployed();
    ws.writeCollection(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    ArtifactPlan plan =
        ws.engine.plan(ws.scope, PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);

    assertThat(ws.engine.apply(ws.scope, Direction.COLLECTION_TO_PROJECT, plan).outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(ws.engine.apply(ws.scope, Direction.COLLECTION_TO_PROJECT, plan).outcome()).as("re-run after a retry").isEqualTo(Outcome.UPDATED);

    ws.writeCollection(PDF, "SKILL.md", "D\nb\nc\nd\ne\n");
    ArtifactPlan second =
        ws.engine.plan(ws.scope, PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
    ws.writeProject(PDF, "SKILL.md", "edited after planning\n");
    ArtifactResult stale = ws.engine.apply(ws.scope, Direction.COLLECTION_TO_PROJECT, second);
    assertThat(stale.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(stale.reason()).contains("destination changed since the plan");
    assertThat(ws.readProject(PDF, "SKILL.md")).isEqualTo("edited after planning\n");
  }

  @Test
  void sourceWithMarkers_isSkippedWithAReason() throws Exception {
    deployed();
    ws.writeCollection(PDF, "SKILL.md", "<<<<<<< a\nx\n=======\ny\n>>>>>>> b\n");

    ArtifactResult r = ws.sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.THEIRS);

    assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(r.reason()).isEqualTo("source has conflict markers");
    assertThat(ws.readProject(PDF, "SKILL.md")).isEqualTo(BASE);
  }

  @Test
  void lineage_recordsEveryVersionWritten() throws Exception {
    deployed();
    ws.writeCollection(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    ws.sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO);

    var lineage = ws.history.lineage(dev.tiersync.engine.history.LineageKey.project(PDF, ws.project.projectDir()));
    assertThat(lineage).hasSize(2);
    assertThat(lineage.get(1).contentHash()).isEqualTo(ws.snapshot(PDF).project().contentHash());
  }

  @Test
  void resolve_oursAndTheirsOverwriteConflictedFilesFromStoredVersions() throws Exception {
    deployed();
    ws.writeProject(PDF, "SKILL.md", "P\nb\nc\nd\ne\n");
    ws.writeProject(PDF, "notes.md", "local notes\n");
    ws.writeCollection(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    ArtifactPlan plan =
        ws.engine.plan(ws.scope, PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
    assertThat(ws.engine.apply(ws.scope, Direction.COLLECTION_TO_PROJECT, plan).outcome()).isEqualTo(Outcome.CONFLICT);
    String conflicted = ws.snapshot(PDF).project().contentHash();

    ResolveResult theirs = ws.engine.resolve(ws.scope, Direction.COLLECTION_TO_PROJECT, plan, MergeStrategy.THEIRS);

    assertThat(theirs.result().outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(theirs.unresolvedFiles()).isEmpty();
    assertThat(ws.readProject(PDF, "SKILL.md")).isEqualTo("C\nb\nc\nd\ne\n");
    assertThat(ws.readProject(PDF, "notes.md")).as("files without conflicts are kept").isEqualTo("local notes\n");
    assertThat(ws.history.get(conflicted)).as("the overwritten version stays in history").isPresent();
    assertThat(c2p()).isEqualTo(SyncStatus.MODIFIED);

    ws.writeProject(PDF, "SKILL.md", "<<<<<<< project\nx\n=======\ny\n>>>>>>> collection\n");
    ResolveResult ours = ws.engine.resolve(ws.scope, Direction.COLLECTION_TO_PROJECT, plan, MergeStrategy.OURS);
    assertThat(ours.result().outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(ws.readProject(PDF, "SKILL.md")).isEqualTo("P\nb\nc\nd\ne\n");
  }

  @Test
  void resolve_auto_acceptsHandEditsOrReportsFilesStillMarked() throws Exception {
    deployed();
    ws.writeProject(PDF, "SKILL.md", "P\nb\nc\nd\ne\n");
    ws.writeCollection(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    ArtifactPlan plan =
        ws.engine.plan(ws.scope, PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
    ws.engine.apply(ws.scope, Direction.COLLECTION_TO_PROJECT, plan);

    ResolveResult stillMarked = ws.engine.resolve(ws.scope, Direction.COLLECTION_TO_PROJECT, plan, MergeStrategy.AUTO);
    assertThat(stillMarked.result().outcome()).isEqualTo(Outcome.CONFLICT);
    assertThat(stillMarked.unresolvedFiles()).containsExactly("SKILL.md");

    ws.writeProject(PDF, "SKILL.md", "PC\nb\nc\nd\ne\n");
    ResolveResult accepted = ws.engine.resolve(ws.scope, Direction.COLLECTION_TO_PROJECT, plan, MergeStrategy.AUTO);
    assertThat(accepted.result().outcome()).isEqualTo(Outcome.MERGED);
    assertThat(accepted.unresolvedFiles()).isEmpty();
    assertThat(c2p()).as("hand merge kept, base moved to the collection's version").isEqualTo(SyncStatus.MODIFIED);
  }

  @Test
  void resolve_upstreamConflict_recordsTheResolvedContentInTheLock() throws Exception {
    ws.sync(PDF, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO);
    ws.writeCollection(PDF, "SKILL.md", "C\nb\nc\nd\ne\n");
    ws.commitUpstream("upstream edit", Map.of("skills/pdf-tools/SKILL.md", "U\nb\nc\nd\ne\n"));
    ArtifactPlan plan =
        ws.engine.plan(ws.scope, PDF, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
    assertThat(ws.engine.apply(ws.scope, Direction.UPSTREAM_TO_COLLECTION, plan).outcome()).isEqualTo(Outcome.CONFLICT);

    ResolveResult theirs = ws.engine.resolve(ws.scope, Direction.UPSTREAM_TO_COLLECTION, plan, MergeStrategy.THEIRS);

    assertThat(ws.readCollection(PDF, "SKILL.md")).isEqualTo("U\nb\nc\nd\ne\n");
    String onDisk = ws.snapshot(PDF).collection().contentHash();
    assertThat(theirs.result().afterHash()).isEqualTo(onDisk);
    assertThat(CollectionLock.load(ws.collection.lockFile()).find(PDF).orElseThrow().contentHash())
        .as("the lock records the resolved version, not the conflicted merge")
        .isEqualTo(SkillMeatHash.of(ws.collection.artifactPath(PDF)));
    assertThat(CollectionSidecar.load(ws.collection.sidecarFile()).find(PDF).orElseThrow().contentHash())
        .isEqualTo(onDisk);
    assertThat(u2c()).isEqualTo(SyncStatus.SYNCED);
  }

  private void deployed() throws Exception {
    ws.sync(PDF, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO);
    ws.sync(PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO);
  }

  private SyncStatus u2c() throws Exception {
    return ws.snapshot(PDF).upstreamToCollection().status();
  }

  private SyncStatus c2p() throws Exception {
    return ws.snapshot(PDF).collectionToProject().status();
  }

  private static Map<String, String> nullValue(String path) {
    Map<String, String> m = new HashMap<>();
    m.put(path, null);
    return m;
  }
}
