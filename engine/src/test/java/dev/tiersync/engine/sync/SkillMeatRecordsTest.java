package dev.tiersync.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.skillmeat.SkillMeatHash;
import dev.tiersync.engine.status.SyncStatus;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.upstream.FetchPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tiersync on tiers the real SkillMeat CLI wrote ({@code skillmeat/vectors}: skills alpha, beta
 * and gamma added and deployed by SkillMeat 0.74), and SkillMeat's view of what tiersync writes.
 */
class SkillMeatRecordsTest {
  private static final Path VECTORS = Path.of("src/test/resources/skillmeat/vectors");
  private static final ArtifactId ALPHA = ArtifactId.parse("skill:alpha");
  private static final ArtifactId BETA = ArtifactId.parse("skill:beta");
  private static final ArtifactId DELTA = ArtifactId.parse("skill:delta");

  @TempDir Path tmp;
  private Tiers tiers;
  private SyncEngine engine;
  private TierScope scope;

  @BeforeEach
  void setUp() throws Exception {
    tiers = Tiers.create(tmp);
    engine = tiers.engine().syncEngine();
    scope = tiers.scope();
    copy(VECTORS.resolve("collection"), tiers.collection().root());
    copy(VECTORS.resolve("project"), tiers.project().dir());
  }

  @AfterEach
  void tearDown() {
    tiers.close();
  }

  private ArtifactSnapshot snapshot(ArtifactId id) throws Exception {
    return engine.snapshot(scope, id, FetchPolicy.ALWAYS);
  }

  private ArtifactResult sync(ArtifactId id, Direction direction, MergeStrategy strategy)
      throws Exception {
    ArtifactPlan plan = engine.plan(scope, id, direction, strategy, FetchPolicy.ALWAYS, null);
    return engine.apply(scope, direction, plan);
  }

  @Test
  void skillMeatDeploy_projectEditsOneFile_isModified_withTheCollectionCopyAsBase()
      throws Exception {
    tiers.project().write(BETA, "docs/a.md", "a edited in project\n");

    ArtifactSnapshot s = snapshot(BETA);

    assertThat(s.collectionToProject().status()).isEqualTo(SyncStatus.MODIFIED);
    assertThat(s.projectBase()).isEqualTo(s.collection());
    assertThat(snapshot(ALPHA).collectionToProject().status()).isEqualTo(SyncStatus.SYNCED);
  }

  @Test
  void skillMeatDeploy_editsOnBothSidesInDifferentFiles_mergeCleanly() throws Exception {
    tiers.project().write(BETA, "docs/a.md", "a edited in project\n");
    // tiersync sees the project edit first (a status read), so it knows which stored version
    // SkillMeat's hash names before the collection changes too.
    assertThat(snapshot(BETA).collectionToProject().status()).isEqualTo(SyncStatus.MODIFIED);
    tiers.collection().write(BETA, "README.md", "U changed in collection\n");
    assertThat(snapshot(BETA).collectionToProject().status()).isEqualTo(SyncStatus.DIVERGED);

    ArtifactPlan plan =
        engine.plan(scope, BETA, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO,
            FetchPolicy.ALWAYS, null);
    assertThat(plan.action()).isEqualTo(PlanAction.MERGE);
    assertThat(plan.conflicts()).isEmpty();
    assertThat(engine.apply(scope, Direction.COLLECTION_TO_PROJECT, plan).outcome())
        .isEqualTo(Outcome.MERGED);

    assertThat(tiers.project().read(BETA, "docs/a.md")).isEqualTo("a edited in project\n");
    assertThat(tiers.project().read(BETA, "README.md")).isEqualTo("U changed in collection\n");
    String collectionHash = SkillMeatHash.of(tiers.collection().artifact(BETA));
    assertThat(deployedHash(BETA))
        .as("SkillMeat's base is the collection's version: the project kept a local edit")
        .isEqualTo(collectionHash);
    assertThat(trackingText()).contains("local_modifications = true");
    assertThat(snapshot(BETA).collectionToProject().status()).isEqualTo(SyncStatus.MODIFIED);
  }

  @Test
  void skillMeatDeploy_bothSidesEditedUnseen_findsTheBaseInSkillMeatsDeploySnapshot()
      throws Exception {
    Path snapshots = Files.createDirectories(tmp.resolve("snapshots/default"));
    Files.copy(
        Path.of("src/test/resources/skillmeat/snapshots/default/20261205-204538-597805.tar.gz"),
        snapshots.resolve("20261205-204538-597805.tar.gz"));
    tiers.project().write(BETA, "docs/a.md", "a edited in project\n");
    tiers.collection().write(BETA, "README.md", "U changed in collection\n");

    ArtifactSnapshot s = snapshot(BETA);

    assertThat(s.collectionToProject().status()).isEqualTo(SyncStatus.DIVERGED);
    assertThat(SkillMeatHash.of(s.projectBase()))
        .isEqualTo("4e7848cef8cfe81f002727a4cf00a1152354338a308eb43f817a9c0daa060d36");
    assertThat(sync(BETA, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO).outcome())
        .isEqualTo(Outcome.MERGED);
    assertThat(tiers.project().read(BETA, "docs/a.md")).isEqualTo("a edited in project\n");
    assertThat(tiers.project().read(BETA, "README.md")).isEqualTo("U changed in collection\n");
  }

  @Test
  void skillMeatDeploy_bothSidesEditedUnseen_withoutSnapshots_hasNoBase() throws Exception {
    tiers.project().write(BETA, "docs/a.md", "a edited in project\n");
    tiers.collection().write(BETA, "README.md", "U changed in collection\n");

    assertThat(snapshot(BETA).projectBase()).isNull();
    assertThat(snapshot(BETA).collectionToProject().status()).isEqualTo(SyncStatus.CONFLICT);
  }

  @Test
  void tiersyncUpdatesASkillMeatCollection_theProjectKeepsItsBase() throws Exception {
    // beta gets an upstream whose version changes README.md; SkillMeat wrote the collection copy.
    copy(tiers.collection().artifact(BETA), tiers.upstream().workDir().resolve("skills/beta"));
    String deployed = tiers.upstream().commitAll("beta as deployed").name();
    tiers.upstream().commit(
        "upstream edit", java.util.Map.of("skills/beta/README.md", "U from upstream\n"));
    listWithUpstream(BETA, deployed);
    assertThat(sync(BETA, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO).outcome())
        .isEqualTo(Outcome.UPDATED);
    assertThat(lockHash(BETA)).isEqualTo(SkillMeatHash.of(tiers.collection().artifact(BETA)));

    tiers.project().write(BETA, "docs/a.md", "a edited in project\n");
    ArtifactSnapshot s = snapshot(BETA);

    assertThat(s.collectionToProject().status()).isEqualTo(SyncStatus.DIVERGED);
    assertThat(SkillMeatHash.of(s.projectBase()))
        .as("the version SkillMeat deployed, which the collection no longer holds")
        .isEqualTo("4e7848cef8cfe81f002727a4cf00a1152354338a308eb43f817a9c0daa060d36");
    assertThat(sync(BETA, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO).outcome())
        .isEqualTo(Outcome.MERGED);
    assertThat(tiers.project().read(BETA, "README.md")).isEqualTo("U from upstream\n");
  }

  @Test
  void skillMeatRedeployAfterTiersync_makesTheSidecarStale_andSkillMeatsRecordWins()
      throws Exception {
    tiers.collection().write(ALPHA, "SKILL.md", "---\ndescription: v2\n---\nv2\n");
    sync(ALPHA, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO);
    assertThat(DeploymentSidecar.load(projectSidecar()).find(ALPHA)).isPresent();
    // What `skillmeat deploy alpha --overwrite` does after another collection change: copy the
    // collection and record SkillMeat's hash of it.
    tiers.collection().write(ALPHA, "SKILL.md", "---\ndescription: v3\n---\nv3\n");
    copy(tiers.collection().artifact(ALPHA), tiers.project().artifact(ALPHA));
    String v3 = SkillMeatHash.of(tiers.collection().artifact(ALPHA));
    Files.writeString(
        tiers.project().trackingFile(),
        trackingText().replace(deployedHash(ALPHA), v3));

    tiers.project().write(ALPHA, "extra.md", "project only\n");

    assertThat(snapshot(ALPHA).collectionToProject().status())
        .as("based on v3, which SkillMeat deployed, not on v2 of the stale sidecar")
        .isEqualTo(SyncStatus.MODIFIED);
  }

  @Test
  void tiersyncDeploy_writesOnlySkillMeatsValues_andKeepsTheFilesMode() throws Exception {
    tiers.collection().write(ALPHA, "SKILL.md", "---\ndescription: v2\n---\nv2\n");
    assertThat(Files.getPosixFilePermissions(tiers.project().trackingFile()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    sync(ALPHA, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO);

    String hash = SkillMeatHash.of(tiers.project().artifact(ALPHA));
    assertThat(hash).isEqualTo(SkillMeatHash.of(tiers.collection().artifact(ALPHA)));
    String alpha = trackingText().substring(0, trackingText().indexOf("[[deployed]]", 1));
    assertThat(alpha)
        .contains("content_hash = \"" + hash + "\"")
        .contains("merge_base_snapshot = \"" + hash + "\"")
        .contains("collection_sha = \"" + hash + "\"")
        .contains("local_modifications = false")
        .doesNotContain("version_lineage");
    assertThat(trackingText())
        .as("the other records are left as SkillMeat wrote them")
        .endsWith(Files.readString(VECTORS.resolve("project/.claude/.skillmeat-deployed.toml"))
            .substring(Files.readString(VECTORS.resolve("project/.claude/.skillmeat-deployed.toml"))
                .indexOf("[[deployed]]", 1)));
    assertThat(Files.getPosixFilePermissions(tiers.project().trackingFile()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(tiers.project().layout().sidecarFile()))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(DeploymentSidecar.load(projectSidecar()).find(ALPHA).orElseThrow())
        .isEqualTo(
            new DeploymentSidecar(ALPHA, snapshot(ALPHA).collection().contentHash(), hash));
  }

  @Test
  void projectToCollection_writesSkillMeatsHashIntoTheLock() throws Exception {
    tiers.project().write(BETA, "docs/a.md", "a edited in project\n");

    assertThat(sync(BETA, Direction.PROJECT_TO_COLLECTION, MergeStrategy.AUTO).outcome())
        .isEqualTo(Outcome.UPDATED);

    String hash = SkillMeatHash.of(tiers.collection().artifact(BETA));
    assertThat(hash).isEqualTo(SkillMeatHash.of(tiers.project().artifact(BETA)));
    assertThat(lockHash(BETA)).isEqualTo(hash);
    assertThat(deployedHash(BETA)).isEqualTo(hash);
    assertThat(snapshot(BETA).collectionToProject().status()).isEqualTo(SyncStatus.SYNCED);
  }

  @Test
  void newCollectionVersion_refreshesTheMetadataSkillMeatShows() throws Exception {
    tiers.project().write(ALPHA, "SKILL.md", "---\nname: alpha\ndescription: Alpha skill v2\n---\n");

    sync(ALPHA, Direction.PROJECT_TO_COLLECTION, MergeStrategy.AUTO);

    CollectionManifest manifest = CollectionManifest.load(tiers.collection().manifestFile());
    assertThat(manifest.metadata(ALPHA).orElseThrow())
        .containsEntry("description", "Alpha skill v2")
        .doesNotContainKeys("author", "license", "version");
    assertThat(manifest.find(ALPHA).orElseThrow().lastUpdated()).isNotNull();
    assertThat(manifest.metadata(BETA).orElseThrow())
        .containsEntry("description", "Beta: scripts and docs");
  }

  @Test
  void upstreamPath_droppedBySkillMeatsRewrite_comesFromTheSidecar() throws Exception {
    tiers.upstream().commit("delta", java.util.Map.of("skills/delta/SKILL.md", "delta\n"));
    CollectionManifest manifest = CollectionManifest.load(tiers.collection().manifestFile());
    manifest.upsert(
        new ManifestArtifact(
            "delta", DELTA.type(), null, ManifestArtifact.Origin.LOCAL, tiers.upstream().url(),
            "skills/delta", "main", null, null, null, null, null));
    manifest.save(tiers.collection().manifestFile());
    assertThat(sync(DELTA, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO).outcome())
        .isEqualTo(Outcome.CREATED);
    // SkillMeat keeps upstream and version_spec of a local artifact but drops upstream_path.
    Files.writeString(
        tiers.collection().manifestFile(),
        Files.readString(tiers.collection().manifestFile())
            .replaceAll("upstream_path = \"skills/delta\"\n", ""));
    assertThat(Files.readString(tiers.collection().manifestFile())).doesNotContain("upstream_path");

    tiers.upstream().commit("edit", java.util.Map.of("skills/delta/SKILL.md", "delta 2\n"));

    assertThat(snapshot(DELTA).upstreamToCollection().status()).isEqualTo(SyncStatus.OUTDATED);
    assertThat(sync(DELTA, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO).outcome())
        .isEqualTo(Outcome.UPDATED);
    assertThat(Files.readString(tiers.collection().manifestFile())).doesNotContain("upstream_path");
  }

  @Test
  void badSidecarEntry_isAnErrorOfThatArtifactOnly() throws Exception {
    Files.writeString(
        tiers.project().layout().sidecarFile(),
        "[deployed.\"skill:beta\"]\nbase_hash = 1\nskillmeat_hash = \"x\"\n");

    assertThat(engine.reader().invalidEntries(scope, BETA))
        .singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("deployed.\"skill:beta\".base_hash"));
    assertThatThrownBy(
            () -> engine.fetch(scope, BETA, Direction.COLLECTION_TO_PROJECT,
                FetchPolicy.ALWAYS, null))
        .isInstanceOf(InvalidTierFileException.class)
        .hasMessageContaining(".tiersync-deployed.toml");
    assertThat(snapshot(ALPHA).collectionToProject().status()).isEqualTo(SyncStatus.SYNCED);
  }

  /** Gives the artifact's collection.toml entry this workspace's upstream, at a commit. */
  private void listWithUpstream(ArtifactId id, String resolvedSha) throws IOException {
    CollectionManifest manifest = CollectionManifest.load(tiers.collection().manifestFile());
    ManifestArtifact e = manifest.find(id).orElseThrow();
    manifest.upsert(
        new ManifestArtifact(
            e.name(), e.type(), e.path(), e.origin(), tiers.upstream().url(), "skills/" + id.name(),
            "main", resolvedSha, null, e.added(), e.lastUpdated(), e.tags()));
    manifest.save(tiers.collection().manifestFile());
  }

  private String trackingText() throws IOException {
    return Files.readString(tiers.project().trackingFile());
  }

  private String deployedHash(ArtifactId id) throws IOException {
    return DeploymentTracking.load(tiers.project().trackingFile())
        .find(id)
        .orElseThrow()
        .contentHash();
  }

  private Path projectSidecar() {
    return tiers.project().layout().sidecarFile();
  }

  private String lockHash(ArtifactId id) throws IOException {
    return CollectionLock.load(tiers.collection().lockFile()).find(id).orElseThrow().contentHash();
  }

  /** Copies a folder with its files' modes, replacing what is there. */
  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      paths.forEach(
          p -> {
            Path target = to.resolve(from.relativize(p).toString());
            try {
              if (Files.isDirectory(p)) {
                Files.createDirectories(target);
              } else {
                Files.copy(
                    p, target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }
}
