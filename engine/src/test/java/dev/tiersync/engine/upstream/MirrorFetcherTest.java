package dev.tiersync.engine.upstream;

import static dev.tiersync.engine.upstream.UpstreamParts.SKILL;
import static dev.tiersync.engine.upstream.UpstreamParts.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.testing.UpstreamRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cloning and fetching a mirror: what a fetch brings in, and how it fails. */
class MirrorFetcherTest {
  @RegisterExtension final UpstreamParts parts = new UpstreamParts();
  private final Path tmp = parts.root;
  private final UpstreamRepo upstream = parts.upstream;
  private final UpstreamTreeReader trees = parts.trees;

  @Test
  void resolve_latest_followsRemoteDefaultBranchEvenWhenNotMainOrMaster() throws Exception {
    try (UpstreamRepo trunkRepo = UpstreamRepo.create(tmp.resolve("trunk-remote"), "trunk")) {
      RevCommit onTrunk = trunkRepo.commit("on trunk", files("a.md", "trunk\n"));
      trunkRepo.branch("main");
      trunkRepo.branch("master");
      trunkRepo.checkout("main");
      RevCommit onMain = trunkRepo.commit("on main", files("a.md", "main\n"));

      ResolvedRef latest = parts.resolve(trunkRepo.url(), "latest");
      ResolvedRef nullRef = parts.resolve(trunkRepo.url(), null);

      assertThat(latest.kind()).isEqualTo(ResolvedRef.Kind.DEFAULT_BRANCH);
      assertThat(latest.refName()).isEqualTo("trunk");
      assertThat(latest.commitSha()).isEqualTo(onTrunk.name()).isNotEqualTo(onMain.name());
      assertThat(nullRef).isEqualTo(latest);
    }
  }

  @Test
  void resolve_unreachableUrl_throwsUnavailableNamingTheUrl() {
    String missing = tmp.resolve("nowhere.git").toUri().toString();
    String refused = "http://127.0.0.1:1/team/skills.git";

    assertThatThrownBy(() -> parts.resolve(missing, "main"))
        .isInstanceOf(UpstreamUnavailableException.class)
        .hasMessageContaining("nowhere.git");
    assertThatThrownBy(() -> parts.resolve(refused, "main"))
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
      assertThatThrownBy(() -> parts.resolve(url, "main"))
          .as(url)
          .isInstanceOf(UpstreamRepositoryNotFoundException.class)
          .hasMessageContaining("there is no Git repository at that url");
    }
    assertThatThrownBy(() -> parts.resolve("http://127.0.0.1:1/team/skills.git", "main"))
        .isInstanceOf(UpstreamUnavailableException.class)
        .isNotInstanceOf(UpstreamRepositoryNotFoundException.class);
    assertThat(tmp.resolve("data/upstream"))
        .isDirectoryNotContaining(
            p ->
                p.getFileName().toString().endsWith(".git")
                    || p.getFileName().toString().contains(".tmp-"));
  }

  @Test
  void fetch_afterUpstreamCommits_picksUpNewCommitsBranchesAndTags() throws Exception {
    RevCommit first = parts.commitSkill();
    assertThat(parts.resolve(upstream.url(), "main").commitSha()).isEqualTo(first.name());
    Path mirror = parts.mirrorDir(upstream.url());
    assertThat(mirror.resolve("config")).isRegularFile();

    RevCommit second = upstream.commit("update", files(SKILL + "/SKILL.md", "b\n"));
    upstream.branch("feature");
    upstream.tag("v2", true);

    assertThat(parts.resolve(upstream.url(), "main").commitSha()).isEqualTo(second.name());
    assertThat(parts.resolve(upstream.url(), "feature").commitSha()).isEqualTo(second.name());
    assertThat(parts.resolve(upstream.url(), "v2").commitSha()).isEqualTo(second.name());
    assertThat(parts.mirrorDir(upstream.url())).isEqualTo(mirror);
  }

  @Test
  void fetch_branchDeletedUpstream_isPruned() throws Exception {
    parts.commitSkill();
    upstream.branch("doomed");
    assertThat(parts.resolve(upstream.url(), "doomed").kind()).isEqualTo(ResolvedRef.Kind.BRANCH);

    upstream.deleteBranch("doomed");

    assertThatThrownBy(() -> parts.resolve(upstream.url(), "doomed"))
        .isInstanceOf(UpstreamRefNotFoundException.class);
  }

  @Test
  void fetch_neverWritesToTheUpstream() throws Exception {
    parts.commitSkill();
    List<String> before = listing(upstream.bareDir());

    parts.resolve(upstream.url(), "main");
    trees.read(upstream.url(), parts.resolve(upstream.url(), null).commitSha(), SKILL, null);

    assertThat(listing(upstream.bareDir())).isEqualTo(before);
  }

  @Test
  void fetch_reportsProgressToTheListener() throws Exception {
    parts.commitSkill();
    List<String> phases = Collections.synchronizedList(new ArrayList<>());

    parts.fetch(upstream.url(), (phase, done, total) -> phases.add(phase));

    assertThat(phases).first().isEqualTo("connecting");
    assertThat(phases).contains("Receiving objects", "Updating references");
  }

  @Test
  void fetch_cancelledByListener_throwsCancellation() throws Exception {
    parts.commitSkill();
    assertThatThrownBy(() -> parts.fetch(upstream.url(), UpstreamParts.CANCELLED))
        .isInstanceOf(java.util.concurrent.CancellationException.class);
    assertThat(parts.mirrorDir(upstream.url())).doesNotExist();
  }

  @Test
  void fetch_localPathToNonBareRepository_works() throws Exception {
    RevCommit c = parts.commitSkill();
    String localPath = upstream.workDir().toString();

    ResolvedRef r = parts.resolve(localPath, "main");
    Optional<ArtifactTree> tree = trees.read(localPath, r.commitSha(), SKILL, null);

    assertThat(r.commitSha()).isEqualTo(c.name());
    assertThat(tree).isPresent();
    assertThat(tree.get().files()).containsKeys("SKILL.md", "ref/x.md");
  }

  @Test
  void fetch_folderThatIsNoMirror_isReplacedByAClone() throws Exception {
    RevCommit c = parts.commitSkill();
    Path dir = parts.mirrorDir(upstream.url());
    Files.createDirectories(dir.resolve("objects"));
    Files.writeString(dir.resolve("left-over"), "half a mirror deleted by hand\n");

    parts.fetch(upstream.url(), null);

    assertThat(dir.resolve("config")).isRegularFile();
    assertThat(dir.resolve("left-over")).doesNotExist();
    assertThat(parts.resolve(upstream.url(), "main").commitSha()).isEqualTo(c.name());
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
