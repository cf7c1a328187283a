package dev.tiersync.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.testing.UpstreamRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamCacheTest {
  private static final String SKILL = "skills/pdf-tools";

  @TempDir Path tmp;
  private UpstreamRepo upstream;
  private UpstreamCache cache;

  @BeforeEach
  void setUp() throws Exception {
    upstream = UpstreamRepo.create(tmp.resolve("remote"), "main");
    cache = new UpstreamCache(tmp.resolve("data"));
  }

  @AfterEach
  void tearDown() {
    cache.close();
    upstream.close();
  }

  private static Map<String, String> files(String... pathsAndContents) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      m.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return m;
  }

  private RevCommit commitSkill() throws Exception {
    return upstream.commit(
        "add pdf-tools",
        files(SKILL + "/SKILL.md", "a\n", SKILL + "/ref/x.md", "", "README.md", "repo\n"));
  }

  // ---------------------------------------------------------------- resolve

  @Test
  void resolve_latest_followsRemoteDefaultBranchEvenWhenNotMainOrMaster() throws Exception {
    try (UpstreamRepo trunkRepo = UpstreamRepo.create(tmp.resolve("trunk-remote"), "trunk")) {
      RevCommit onTrunk = trunkRepo.commit("on trunk", files("a.md", "trunk\n"));
      trunkRepo.branch("main");
      trunkRepo.branch("master");
      trunkRepo.checkout("main");
      RevCommit onMain = trunkRepo.commit("on main", files("a.md", "main\n"));

      ResolvedRef latest = cache.resolve(trunkRepo.url(), "latest");
      ResolvedRef nullRef = cache.resolve(trunkRepo.url(), null);

      assertThat(latest.kind()).isEqualTo(ResolvedRef.Kind.DEFAULT_BRANCH);
      assertThat(latest.refName()).isEqualTo("trunk");
      assertThat(latest.commitSha()).isEqualTo(onTrunk.name()).isNotEqualTo(onMain.name());
      assertThat(nullRef).isEqualTo(latest);
    }
  }

  @Test
  void resolve_branch_returnsTipWithCommitMetadata() throws Exception {
    RevCommit c = commitSkill();

    ResolvedRef r = cache.resolve(upstream.url(), "main");

    assertThat(r.kind()).isEqualTo(ResolvedRef.Kind.BRANCH);
    assertThat(r.refName()).isEqualTo("main");
    assertThat(r.commitSha()).isEqualTo(c.name());
    assertThat(r.author()).isEqualTo("Ada Lovelace <ada@example.com>");
    assertThat(r.shortMessage()).isEqualTo("add pdf-tools");
    assertThat(r.commitTime()).isEqualTo(Instant.ofEpochSecond(c.getCommitTime()));
  }

  @Test
  void resolve_annotatedTag_peelsToCommit() throws Exception {
    RevCommit tagged = commitSkill();
    upstream.tag("v1.0", true);
    upstream.commit("later", files(SKILL + "/SKILL.md", "b\n"));

    ResolvedRef r = cache.resolve(upstream.url(), "v1.0");

    assertThat(r.kind()).isEqualTo(ResolvedRef.Kind.TAG);
    assertThat(r.refName()).isEqualTo("v1.0");
    assertThat(r.commitSha()).isEqualTo(tagged.name());
    assertThat(cache.resolve(upstream.url(), "refs/tags/v1.0").commitSha())
        .isEqualTo(tagged.name());
  }

  @Test
  void resolve_lightweightTag_resolvesToCommit() throws Exception {
    RevCommit tagged = commitSkill();
    upstream.tag("light", false);
    upstream.commit("later", files(SKILL + "/SKILL.md", "b\n"));

    ResolvedRef r = cache.resolve(upstream.url(), "light");

    assertThat(r.kind()).isEqualTo(ResolvedRef.Kind.TAG);
    assertThat(r.commitSha()).isEqualTo(tagged.name());
  }

  @Test
  void resolve_fullAndAbbreviatedSha_resolveToThatCommit() throws Exception {
    RevCommit first = commitSkill();
    upstream.commit("second", files(SKILL + "/SKILL.md", "b\n"));

    ResolvedRef full = cache.resolve(upstream.url(), first.name());
    ResolvedRef shortSha = cache.resolve(upstream.url(), first.name().substring(0, 10));

    assertThat(full.kind()).isEqualTo(ResolvedRef.Kind.COMMIT);
    assertThat(full.commitSha()).isEqualTo(first.name());
    assertThat(full.refName()).isEqualTo(first.name());
    assertThat(shortSha.commitSha()).isEqualTo(first.name());
  }

  @Test
  void resolve_unknownRef_throwsRefNotFoundNamingUrlAndRef() throws Exception {
    commitSkill();

    assertThatThrownBy(() -> cache.resolve(upstream.url(), "no-such-branch"))
        .isInstanceOf(UpstreamRefNotFoundException.class)
        .isNotInstanceOf(java.io.IOException.class)
        .hasMessageContaining("no-such-branch")
        .hasMessageContaining(upstream.url().replaceAll("/$", ""))
        .satisfies(
            e -> assertThat(((UpstreamRefNotFoundException) e).ref()).isEqualTo("no-such-branch"));
    assertThatThrownBy(
            () -> cache.resolve(upstream.url(), "0123456789abcdef0123456789abcdef01234567"))
        .isInstanceOf(UpstreamRefNotFoundException.class);
    assertThatThrownBy(() -> cache.resolve(upstream.url(), "../../config"))
        .isInstanceOf(UpstreamRefNotFoundException.class);
  }

  @Test
  void resolve_emptyRepository_latestThrowsRefNotFound() {
    assertThatThrownBy(() -> cache.resolve(upstream.url(), null))
        .isInstanceOf(UpstreamRefNotFoundException.class)
        .hasMessageContaining("no default branch");
  }

  @Test
  void resolve_unreachableUrl_throwsUnavailableNamingTheUrl() {
    String missing = tmp.resolve("nowhere.git").toUri().toString();
    String refused = "http://127.0.0.1:1/team/skills.git";

    assertThatThrownBy(() -> cache.resolve(missing, "main"))
        .isInstanceOf(UpstreamUnavailableException.class)
        .hasMessageContaining("nowhere.git");
    assertThatThrownBy(() -> cache.resolve(refused, "main"))
        .isInstanceOf(UpstreamUnavailableException.class)
        .hasMessageContaining(refused);
    assertThat(tmp.resolve("data/upstream"))
        .isDirectoryNotContaining(
            p ->
                p.getFileName().toString().endsWith(".git")
                    || p.getFileName().toString().contains(".tmp-"));
  }

  @Test
  void resolve_noRepositoryAtTheUrl_isRepositoryNotFound_anUnreachableHostIsNot() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("just-a-folder"));
    Path file = Files.writeString(tmp.resolve("just-a-file.git"), "not a bundle\n");
    List<String> missing =
        List.of(
            "file:///nonexistent.git",
            tmp.resolve("nowhere.git").toUri().toString(),
            tmp.resolve("nowhere.git").toString(),
            folder.toString(),
            folder.toUri().toString(),
            file.toString());

    for (String url : missing) {
      assertThatThrownBy(() -> cache.resolve(url, "main"))
          .as(url)
          .isInstanceOf(UpstreamRepositoryNotFoundException.class)
          .hasMessageContaining("there is no Git repository at that url");
    }
    assertThatThrownBy(() -> cache.resolve("http://127.0.0.1:1/team/skills.git", "main"))
        .isInstanceOf(UpstreamUnavailableException.class)
        .isNotInstanceOf(UpstreamRepositoryNotFoundException.class);
    assertThat(tmp.resolve("data/upstream"))
        .isDirectoryNotContaining(
            p ->
                p.getFileName().toString().endsWith(".git")
                    || p.getFileName().toString().contains(".tmp-"));
  }

  @Test
  void resolve_ifMissingPolicy_answersKnownShaWithoutTheRemote() throws Exception {
    RevCommit c = commitSkill();
    cache.fetch(upstream.url(), null);
    Path moved = tmp.resolve("moved.git");
    Files.move(upstream.bareDir(), moved);

    ResolvedRef r = cache.resolve(upstream.url(), c.name(), FetchPolicy.IF_MISSING, null);

    assertThat(r.commitSha()).isEqualTo(c.name());
    assertThat(cache.readArtifact(upstream.url(), c.name(), SKILL)).isPresent();
    assertThatThrownBy(() -> cache.resolve(upstream.url(), c.name(), FetchPolicy.ALWAYS, null))
        .isInstanceOf(UpstreamUnavailableException.class);
  }

  @Test
  void resolve_neverPolicy_failsAsUnavailableWhenNotCached() throws Exception {
    RevCommit c = commitSkill();

    assertThatThrownBy(() -> cache.resolve(upstream.url(), "main", FetchPolicy.NEVER, null))
        .isInstanceOf(UpstreamUnavailableException.class);

    cache.fetch(upstream.url(), null);
    upstream.commit("newer", files(SKILL + "/SKILL.md", "z\n"));
    assertThat(cache.resolve(upstream.url(), "main", FetchPolicy.NEVER, null).commitSha())
        .isEqualTo(c.name());
    assertThatThrownBy(() -> cache.resolve(upstream.url(), "not-fetched", FetchPolicy.NEVER, null))
        .isInstanceOf(UpstreamUnavailableException.class);
  }

  // ---------------------------------------------------------------- fetch

  @Test
  void fetch_afterUpstreamCommits_picksUpNewCommitsBranchesAndTags() throws Exception {
    RevCommit first = commitSkill();
    assertThat(cache.resolve(upstream.url(), "main").commitSha()).isEqualTo(first.name());
    Path mirror = cache.mirrorDir(upstream.url());
    assertThat(mirror.resolve("config")).isRegularFile();

    RevCommit second = upstream.commit("update", files(SKILL + "/SKILL.md", "b\n"));
    upstream.branch("feature");
    upstream.tag("v2", true);

    assertThat(cache.resolve(upstream.url(), "main").commitSha()).isEqualTo(second.name());
    assertThat(cache.resolve(upstream.url(), "feature").commitSha()).isEqualTo(second.name());
    assertThat(cache.resolve(upstream.url(), "v2").commitSha()).isEqualTo(second.name());
    assertThat(cache.mirrorDir(upstream.url())).isEqualTo(mirror);
  }

  @Test
  void fetch_branchDeletedUpstream_isPruned() throws Exception {
    commitSkill();
    upstream.branch("doomed");
    assertThat(cache.resolve(upstream.url(), "doomed").kind()).isEqualTo(ResolvedRef.Kind.BRANCH);

    upstream.deleteBranch("doomed");

    assertThatThrownBy(() -> cache.resolve(upstream.url(), "doomed"))
        .isInstanceOf(UpstreamRefNotFoundException.class);
  }

  @Test
  void fetch_neverWritesToTheUpstream() throws Exception {
    commitSkill();
    List<String> before = listing(upstream.bareDir());

    cache.resolve(upstream.url(), "main");
    cache.readArtifact(upstream.url(), cache.resolve(upstream.url(), null).commitSha(), SKILL);

    assertThat(listing(upstream.bareDir())).isEqualTo(before);
  }

  @Test
  void fetch_reportsProgressToTheListener() throws Exception {
    commitSkill();
    List<String> phases = Collections.synchronizedList(new ArrayList<>());

    cache.fetch(upstream.url(), (phase, done, total) -> phases.add(phase));

    assertThat(phases).first().isEqualTo("connecting");
    assertThat(phases).contains("Receiving objects", "Updating references");
  }

  @Test
  void fetch_cancelledByListener_throwsCancellation() throws Exception {
    commitSkill();
    FetchProgress cancelling =
        new FetchProgress() {
          @Override
          public void update(String phase, int done, int total) {}

          @Override
          public boolean isCancelled() {
            return true;
          }
        };

    assertThatThrownBy(() -> cache.fetch(upstream.url(), cancelling))
        .isInstanceOf(java.util.concurrent.CancellationException.class);
    assertThat(cache.mirrorDir(upstream.url())).doesNotExist();
  }

  @Test
  void fetch_concurrentCallersForOneUrl_shareOneConsistentMirror() throws Exception {
    RevCommit c = commitSkill();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        calls.add(() -> cache.resolve(upstream.url(), "main").commitSha());
      }
      for (Future<String> f : pool.invokeAll(calls)) {
        assertThat(f.get()).isEqualTo(c.name());
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    try (var siblings = Files.list(cache.mirrorDir(upstream.url()).getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains(".tmp-"))
          .filteredOn(n -> n.endsWith(".git"))
          .hasSize(1);
    }
  }

  @Test
  void fetch_localPathToNonBareRepository_works() throws Exception {
    RevCommit c = commitSkill();
    String localPath = upstream.workDir().toString();

    ResolvedRef r = cache.resolve(localPath, "main");
    Optional<ArtifactTree> tree = cache.readArtifact(localPath, r.commitSha(), SKILL);

    assertThat(r.commitSha()).isEqualTo(c.name());
    assertThat(tree).isPresent();
    assertThat(tree.get().files()).containsKeys("SKILL.md", "ref/x.md");
  }

  // ---------------------------------------------------------------- readArtifact

  @Test
  void readArtifact_folder_hasModesSymlinksDigestsAndLazyBytes() throws Exception {
    Files.createDirectories(upstream.workDir().resolve(SKILL + "/scripts"));
    Files.writeString(
        upstream.workDir().resolve(SKILL + "/scripts/run.sh"), "#!/bin/sh\necho hi\n");
    upstream.makeExecutable(SKILL + "/scripts/run.sh");
    upstream.symlink(SKILL + "/link.md", "SKILL.md");
    RevCommit c =
        upstream.commit(
            "skill",
            files(
                SKILL + "/SKILL.md",
                "a\n",
                SKILL + "/__pycache__/x.pyc",
                "junk",
                SKILL + "/notes.md~",
                "backup",
                "other/file.md",
                "elsewhere\n"));

    ArtifactTree tree = cache.readArtifact(upstream.url(), c.name(), SKILL).orElseThrow();

    assertThat(tree.isSingleFile()).isFalse();
    assertThat(tree.files()).containsOnlyKeys("SKILL.md", "link.md", "scripts/run.sh");
    assertThat(tree.file("scripts/run.sh").mode()).isEqualTo(FileMode.EXECUTABLE);
    assertThat(tree.file("SKILL.md").mode()).isEqualTo(FileMode.REGULAR);
    FileEntry link = tree.file("link.md");
    assertThat(link.mode()).isEqualTo(FileMode.SYMLINK);
    assertThat(new String(link.readAll(), StandardCharsets.UTF_8)).isEqualTo("SKILL.md");
    assertThat(link.sha256())
        .isEqualTo(ArtifactTree.sha256Hex("SKILL.md".getBytes(StandardCharsets.UTF_8)));
    FileEntry skill = tree.file("SKILL.md");
    assertThat(skill.size()).isEqualTo(2);
    assertThat(skill.sha256())
        .isEqualTo(ArtifactTree.sha256Hex("a\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(skill.readAll()).isEqualTo("a\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readArtifact_contentHash_equalsDiskHashOfTheSameFiles() throws Exception {
    RevCommit c = commitSkill();

    ArtifactTree fromGit = cache.readArtifact(upstream.url(), c.name(), SKILL).orElseThrow();
    ArtifactTree fromDisk =
        new DiskTreeReader(new HashCache()).read(upstream.workDir().resolve(SKILL)).orElseThrow();

    // SPEC section 2's worked example: SKILL.md = "a\n", ref/x.md empty.
    String expected =
        ArtifactTree.sha256Hex(
            ("SKILL.md\0"
                    + ArtifactTree.sha256Hex("a\n".getBytes(StandardCharsets.UTF_8))
                    + "\n"
                    + "ref/x.md\0"
                    + ArtifactTree.sha256Hex(new byte[0])
                    + "\n")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(fromGit.contentHash()).isEqualTo(fromDisk.contentHash()).isEqualTo(expected);
  }

  @Test
  void readArtifact_singleFile_returnsSingleFileTreeNamedAfterTheFile() throws Exception {
    RevCommit c = upstream.commit("cmd", files("commands/review.md", "review it\n"));

    ArtifactTree tree =
        cache.readArtifact(upstream.url(), c.name(), "commands/review.md").orElseThrow();

    assertThat(tree.isSingleFile()).isTrue();
    assertThat(tree.files()).containsOnlyKeys("review.md");
    assertThat(tree.file("review.md").readAll())
        .isEqualTo("review it\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readArtifact_missingPath_isEmpty() throws Exception {
    RevCommit c = commitSkill();

    assertThat(cache.readArtifact(upstream.url(), c.name(), "skills/absent")).isEmpty();
    assertThat(cache.artifactTreeId(upstream.url(), c.name(), "skills/absent")).isEmpty();
  }

  @Test
  void readArtifact_emptyPathAndDotSegments_areNormalised() throws Exception {
    RevCommit c = commitSkill();

    ArtifactTree root = cache.readArtifact(upstream.url(), c.name(), "").orElseThrow();
    ArtifactTree skill =
        cache.readArtifact(upstream.url(), c.name(), "./skills//pdf-tools/").orElseThrow();

    assertThat(root.files()).containsKeys("README.md", SKILL + "/SKILL.md");
    assertThat(skill.contentHash())
        .isEqualTo(cache.readArtifact(upstream.url(), c.name(), SKILL).orElseThrow().contentHash());
  }

  @Test
  void readArtifact_unsafePath_throwsRefNotFound() throws Exception {
    RevCommit c = commitSkill();

    assertThatThrownBy(() -> cache.readArtifact(upstream.url(), c.name(), "skills/../../etc"))
        .isInstanceOf(UpstreamRefNotFoundException.class)
        .hasMessageContaining("..");
    assertThatThrownBy(() -> cache.readArtifact(upstream.url(), c.name(), "/etc/passwd"))
        .isInstanceOf(UpstreamRefNotFoundException.class);
    assertThatThrownBy(() -> cache.artifactTreeId(upstream.url(), c.name(), ".."))
        .isInstanceOf(UpstreamRefNotFoundException.class);
  }

  @Test
  void readArtifact_unknownCommit_throwsRefNotFound() throws Exception {
    commitSkill();

    assertThatThrownBy(
            () ->
                cache.readArtifact(
                    upstream.url(), "0123456789abcdef0123456789abcdef01234567", SKILL))
        .isInstanceOf(UpstreamRefNotFoundException.class)
        .hasMessageContaining("0123456789abcdef0123456789abcdef01234567");
    assertThatThrownBy(() -> cache.readArtifact(upstream.url(), "main~1", SKILL))
        .isInstanceOf(UpstreamRefNotFoundException.class);
  }

  @Test
  void readArtifact_commitThatOnlyTouchesAnotherPath_leavesTreeIdAndContentHashUnchanged()
      throws Exception {
    RevCommit before = commitSkill();
    RevCommit after =
        upstream.commit("unrelated", files("README.md", "changed\n", "other/new.md", "x"));

    assertThat(cache.artifactTreeId(upstream.url(), after.name(), SKILL))
        .isEqualTo(cache.artifactTreeId(upstream.url(), before.name(), SKILL))
        .isPresent();
    assertThat(cache.readArtifact(upstream.url(), after.name(), SKILL).orElseThrow().contentHash())
        .isEqualTo(
            cache.readArtifact(upstream.url(), before.name(), SKILL).orElseThrow().contentHash());
    assertThat(cache.artifactTreeId(upstream.url(), after.name(), ""))
        .isNotEqualTo(cache.artifactTreeId(upstream.url(), before.name(), ""));

    RevCommit touching = upstream.commit("edit skill", files(SKILL + "/SKILL.md", "b\n"));
    assertThat(cache.artifactTreeId(upstream.url(), touching.name(), SKILL))
        .isNotEqualTo(cache.artifactTreeId(upstream.url(), after.name(), SKILL));
  }

  @Test
  void readArtifact_commitNotYetFetched_fetchesOnce() throws Exception {
    commitSkill();
    cache.fetch(upstream.url(), null);
    RevCommit newer = upstream.commit("newer", files(SKILL + "/SKILL.md", "new\n"));

    ArtifactTree tree = cache.readArtifact(upstream.url(), newer.name(), SKILL).orElseThrow();

    assertThat(tree.file("SKILL.md").readAll()).isEqualTo("new\n".getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- history

  @Test
  void history_listsCommitsTouchingThePathNewestFirst() throws Exception {
    RevCommit c1 = commitSkill();
    upstream.commit("unrelated", files("README.md", "changed\n"));
    RevCommit c3 = upstream.commit("edit skill", files(SKILL + "/SKILL.md", "b\n"));
    upstream.commit("unrelated again", files("other/x.md", "x\n"));
    RevCommit c5 = upstream.commit("drop ref", files(SKILL + "/ref/x.md", null));

    List<CommitInfo> all = cache.history(upstream.url(), "main", SKILL, 10);
    List<CommitInfo> two = cache.history(upstream.url(), "main", SKILL, 2);

    assertThat(all).extracting(CommitInfo::sha).containsExactly(c5.name(), c3.name(), c1.name());
    assertThat(all.get(0).shortMessage()).isEqualTo("drop ref");
    assertThat(two).extracting(CommitInfo::sha).containsExactly(c5.name(), c3.name());
    assertThat(cache.history(upstream.url(), "main", "", 10)).hasSize(5);
  }

  private static List<String> listing(Path dir) throws Exception {
    try (var walk = Files.walk(dir)) {
      return walk.map(
              p -> dir.relativize(p) + ":" + p.toFile().lastModified() + ":" + p.toFile().length())
          .sorted()
          .toList();
    }
  }
}
