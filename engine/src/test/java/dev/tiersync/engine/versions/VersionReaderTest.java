package dev.tiersync.engine.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.Trees;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.LineageKey;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.sync.ArtifactSnapshot;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.sync.UpstreamVersion;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.testing.UpstreamRepo;
import dev.tiersync.engine.tier.DeployedArtifact;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.engine.upstream.ResolvedRef;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions read from a real upstream repository, real tier folders and a real history store. */
class VersionReaderTest {
  private static final ArtifactId SKILL = ArtifactId.parse("skill:pdf-tools");
  private static final String PATH = "skills/pdf-tools";
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  @TempDir Path tmp;
  private Tiers tiers;
  private UpstreamRepo upstream;
  private HistoryStore history;
  private UpstreamCache cache;
  private TierScope scope;
  private VersionReader versions;

  @BeforeEach
  void setUp() throws Exception {
    tiers = Tiers.create(tmp);
    upstream = tiers.upstream();
    history = tiers.engine().history();
    cache = tiers.engine().upstreams();
    scope = tiers.scope();
    versions = new VersionReader(tiers.engine().syncEngine().reader(), history, cache);
  }

  @AfterEach
  void tearDown() {
    tiers.close();
  }

  // ---------------------------------------------------------------- upstream

  @Test
  void read_upstream_isTheHeadWithTheCommitsThatChangedThePathOldestFirst() throws Exception {
    RevCommit added = edit("add pdf-tools", "a\n");
    upstream.commit("unrelated", Map.of("README.md", "readme\n"));
    RevCommit edited = edit("edit pdf-tools", "b\n");

    TierVersions v = versions.read(scope, snapshot(upstreamWithBase(null, null), null, null), null);

    TierVersion u = v.upstream();
    assertThat(v.collection()).isNull();
    assertThat(v.project()).isNull();
    assertThat(u.hash()).isEqualTo(hashAt(edited)).isNotEqualTo(hashAt(added));
    assertThat(u.timestamp()).isEqualTo(Instant.ofEpochSecond(edited.getCommitTime()));
    assertThat(u.source()).isEqualTo(upstream.url());
    assertThat(u.path()).isEqualTo(PATH);
    assertThat(u.ref()).isEqualTo("main");
    assertThat(u.commit()).isEqualTo(edited.name());
    assertThat(u.baseHash()).isNull();
    assertThat(u.behind()).isNull();
    assertThat(u.lineage())
        .extracting(LineageStep::hash, LineageStep::note, LineageStep::commit)
        .containsExactly(
            tuple(hashAt(added), "add pdf-tools", added.name()),
            tuple(hashAt(edited), "edit pdf-tools", edited.name()));
    assertThat(u.lineage().get(0).at()).isEqualTo(Instant.ofEpochSecond(added.getCommitTime()));
  }

  @Test
  void read_upstreamLineage_holdsTheNewestTwentyChanges_aDeletionWithoutHash() throws Exception {
    for (int i = 0; i < VersionReader.UPSTREAM_LINEAGE + 2; i++) {
      edit("edit " + i, "v" + i + "\n");
    }
    Map<String, String> delete = new HashMap<>();
    delete.put(PATH, null);
    RevCommit deleted = upstream.commit("drop pdf-tools", delete);

    ArtifactSnapshot s = snapshot(upstreamWithBase(null, null), null, null);
    TierVersion u = versions.read(scope, s, null).upstream();

    assertThat(u.hash()).isNull();
    assertThat(u.lineage()).hasSize(VersionReader.UPSTREAM_LINEAGE);
    assertThat(u.lineage().get(0).note()).isEqualTo("edit 3");
    LineageStep last = u.lineage().get(VersionReader.UPSTREAM_LINEAGE - 1);
    assertThat(last.commit()).isEqualTo(deleted.name());
    assertThat(last.hash()).isNull();
  }

  @Test
  void read_upstreamBehind_isTheCollectionsCount_nullWithoutResolvedSha() throws Exception {
    RevCommit added = edit("add pdf-tools", "a\n");
    upstream.commit("unrelated", Map.of("README.md", "readme\n"));
    edit("first edit", "b\n");
    edit("second edit", "c\n");
    ArtifactTree base = cache.readArtifact(upstream.url(), added.name(), PATH).orElseThrow();

    TierVersions v =
        versions.read(
            scope, snapshot(upstreamWithBase(added.name(), base), Trees.folder("SKILL.md", "x"), null), null);
    TierVersions unknown =
        versions.read(
            scope,
            snapshot(
                upstreamWithBase("0123456789abcdef0123456789abcdef01234567", null),
                Trees.folder("SKILL.md", "x"),
                null),
            null);

    assertThat(v.upstream().behind()).isEqualTo(2).isEqualTo(v.collection().behind());
    assertThat(unknown.upstream().behind()).isNull();
  }

  // ---------------------------------------------------------------- collection

  @Test
  void read_collectionBehind_countsTheCommitsThatChangedThePathSinceResolvedSha()
      throws Exception {
    RevCommit added = edit("add pdf-tools", "a\n");
    RevCommit unrelated = upstream.commit("unrelated", Map.of("README.md", "readme\n"));
    RevCommit first = edit("first edit", "b\n");
    RevCommit second = edit("second edit", "c\n");

    assertThat(collectionFrom(added).behind()).isEqualTo(2);
    assertThat(collectionFrom(unrelated).behind()).isEqualTo(2);
    assertThat(collectionFrom(first).behind()).isEqualTo(1);
    assertThat(collectionFrom(second).behind()).isZero();
    assertThat(collectionFrom(null, null).behind()).isNull();
    assertThat(collectionFrom("0123456789abcdef0123456789abcdef01234567", null).behind())
        .isNull();
    assertThat(collectionFrom(first).baseHash()).isEqualTo(hashAt(first));
  }

  @Test
  void read_collection_takesLastUpdatedRefAndShaFromTheEntryAndTheLineageFromHistory()
      throws Exception {
    ArtifactTree tree = Trees.folder("SKILL.md", "a\n");
    String hash = history.put(tree);
    history.recordLineage(
        LineageKey.collection(SKILL, "default"), hash, T0, "upstream_to_collection create");
    ManifestArtifact entry =
        ManifestArtifact.local(SKILL, T0).withResolved("abc123", "v1.2", T0.plusSeconds(60));

    TierVersion c = versions.read(scope, snapshot(null, tree, null), entry).collection();

    assertThat(c.hash()).isEqualTo(hash);
    assertThat(c.timestamp()).isEqualTo(T0.plusSeconds(60));
    assertThat(c.source()).isEqualTo("default");
    assertThat(c.path()).isEqualTo(scope.collection().artifactPath(SKILL).toString());
    assertThat(c.ref()).isEqualTo("v1.2");
    assertThat(c.commit()).isEqualTo("abc123");
    assertThat(c.lineage())
        .containsExactly(new LineageStep(hash, T0, "upstream_to_collection create"));
    assertThat(c.baseHash()).isNull();
    assertThat(c.behind()).isNull();
  }

  @Test
  void read_collectionWithoutEntry_isStampedWithItsNewestFileNotAnExcludedOne() throws Exception {
    Path dir = scope.collection().artifactPath(SKILL);
    touch(dir.resolve("SKILL.md"), T0);
    touch(dir.resolve("ref/x.md"), T0.plusSeconds(30));
    touch(dir.resolve(".DS_Store"), T0.plusSeconds(900));
    touch(dir.resolve("__pycache__/x.pyc"), T0.plusSeconds(900));

    TierVersion c =
        versions.read(scope, snapshot(null, Trees.folder("SKILL.md", "a\n"), null), null)
            .collection();

    assertThat(c.timestamp()).isEqualTo(T0.plusSeconds(30));
    assertThat(c.ref()).isNull();
    assertThat(c.commit()).isNull();
    assertThat(c.lineage()).isEmpty();
  }

  // ---------------------------------------------------------------- project

  @Test
  void read_project_takesDeployedAtFromTrackingElseTheNewestFile() throws Exception {
    ArtifactTree deployedTree = Trees.folder("SKILL.md", "a\n");
    ArtifactTree local = Trees.folder("SKILL.md", "local edit\n");
    Path dir = scope.project().artifactPath(SKILL);
    touch(dir.resolve("SKILL.md"), T0.plusSeconds(5));
    history.recordLineage(
        LineageKey.project(SKILL, scope.project().projectDir()),
        deployedTree.contentHash(),
        T0,
        "collection_to_project create");
    ArtifactSnapshot s = snapshot(null, null, local, deployedTree);

    TierVersion untracked = versions.read(scope, s, null).project();
    DeploymentTracking tracking = DeploymentTracking.empty();
    tracking.upsert(DeployedArtifact.of(SKILL, "default", deployedTree.contentHash(), T0));
    tracking.save(scope.project().trackingFile());
    TierVersion tracked = versions.read(scope, s, null).project();

    assertThat(untracked.timestamp()).isEqualTo(T0.plusSeconds(5));
    assertThat(tracked.timestamp()).isEqualTo(T0);
    assertThat(tracked.hash()).isEqualTo(local.contentHash());
    assertThat(tracked.baseHash()).isEqualTo(deployedTree.contentHash());
    assertThat(tracked.source()).isEqualTo(scope.project().projectDir().toString());
    assertThat(tracked.path()).isEqualTo(dir.toString());
    assertThat(tracked.ref()).isNull();
    assertThat(tracked.behind()).isNull();
    assertThat(tracked.lineage())
        .extracting(LineageStep::hash, LineageStep::note)
        .containsExactly(tuple(deployedTree.contentHash(), "collection_to_project create"));
  }

  @Test
  void newestModification_missingArtifact_isNull() throws Exception {
    assertThat(VersionReader.newestModification(tmp.resolve("absent"))).isNull();
  }

  // ---------------------------------------------------------------- helpers

  private RevCommit edit(String message, String content) throws Exception {
    return upstream.commit(message, Map.of(PATH + "/SKILL.md", content));
  }

  private String hashAt(RevCommit c) throws Exception {
    return cache.readArtifact(upstream.url(), c.name(), PATH).orElseThrow().contentHash();
  }

  /** The upstream side as the engine reads it: main's head and its tree, and the given base. */
  private UpstreamVersion upstreamWithBase(String baseSha, ArtifactTree baseTree)
      throws Exception {
    ResolvedRef head = cache.resolve(upstream.url(), "main");
    ArtifactTree tree = cache.readArtifact(upstream.url(), head.commitSha(), PATH).orElse(null);
    return new UpstreamVersion(
        new UpstreamSpec(upstream.url(), "main", PATH), head, tree, baseSha, baseTree);
  }

  private TierVersion collectionFrom(RevCommit base) throws Exception {
    ArtifactTree baseTree = cache.readArtifact(upstream.url(), base.name(), PATH).orElse(null);
    return collectionFrom(base.name(), baseTree);
  }

  private TierVersion collectionFrom(String baseSha, ArtifactTree baseTree) throws Exception {
    ArtifactSnapshot s =
        snapshot(upstreamWithBase(baseSha, baseTree), Trees.folder("SKILL.md", "x"), null);
    return versions.read(scope, s, null).collection();
  }

  private static ArtifactSnapshot snapshot(
      UpstreamVersion upstream, ArtifactTree collection, ArtifactTree project) {
    return snapshot(upstream, collection, project, null);
  }

  private static ArtifactSnapshot snapshot(
      UpstreamVersion upstream, ArtifactTree collection, ArtifactTree project, ArtifactTree base) {
    return new ArtifactSnapshot(SKILL, upstream, collection, project, base, null, null);
  }

  private static void touch(Path file, Instant modified) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, file.getFileName().toString());
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }
}
