package dev.tiersync.engine.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tiersync.engine.content.Folders;
import dev.tiersync.engine.testing.SilentServer;
import dev.tiersync.engine.testing.UpstreamRepo;
import dev.tiersync.engine.upstream.CommitInfo;
import dev.tiersync.engine.upstream.FoundArtifact;
import dev.tiersync.engine.upstream.ResolvedRef;
import dev.tiersync.engine.upstream.UpstreamCache;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import dev.tiersync.engine.upstream.UpstreamTimeoutException;
import dev.tiersync.engine.upstream.UpstreamUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Browsing real local upstreams with real history, and the ways browsing fails. */
class UpstreamBrowserTest {
  private Path root;
  private UpstreamRepo upstream;
  private UpstreamCache cache;
  private UpstreamBrowser browser;

  private RevCommit first;
  private RevCommit commands;
  private RevCommit pdfEdit;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createTempDirectory("browse-");
    upstream = UpstreamRepo.create(root.resolve("remote"), "main");
    cache = new UpstreamCache(root.resolve("data"));
    browser = new UpstreamBrowser(cache, Duration.ofSeconds(30));
    first =
        upstream.commit(
            "add skills",
            files(
                "README.md", "team skills\n",
                "skills/pdf-tools/SKILL.md", "---\nname: pdf-tools\ndescription: Read PDFs\n---\n# PDF\n",
                "skills/pdf-tools/commands/inner.md", "not an artifact of its own\n",
                "skills/plain/SKILL.md", "# no front matter\n",
                "skills/not-a-skill/notes.md", "no SKILL.md here\n",
                "plugins/p/.claude/skills/nested/SKILL.md", "---\ndescription:\n---\n",
                "docs/guide.md", "---\ndescription: not an artifact\n---\n"));
    upstream.tag("v1", true);
    commands =
        upstream.commit(
            "add commands, agents, hooks, mcp",
            files(
                "commands/review.md", "---\ndescription: Review the change\n---\nReview.\n",
                "agents/helper.md", "You help.\n",
                "hooks/lint.md", "---\r\ndescription: \"Lint: C++\"\r\n---\r\n",
                "mcp/github/server.json", "{}\n"));
    upstream.commit("readme only", files("README.md", "team skills, v2\n"));
    pdfEdit =
        upstream.commit(
            "sharper pdf", files("skills/pdf-tools/ref/x.md", "reference\n"));
  }

  @AfterEach
  void tearDown() throws Exception {
    cache.close();
    upstream.close();
    Folders.deleteRecursively(root);
  }

  @Test
  void browse_defaultBranch_listsEveryArtifactWithDescriptionAndLastCommit() throws Exception {
    UpstreamListing l = browser.browse(upstream.url(), null);

    assertThat(l.ref().refName()).isEqualTo("main");
    assertThat(l.ref().kind()).isEqualTo(ResolvedRef.Kind.DEFAULT_BRANCH);
    assertThat(l.ref().commitSha()).isEqualTo(pdfEdit.name());
    assertThat(l.location().repository()).isEqualTo(upstream.url());
    assertThat(l.artifacts())
        .extracting(a -> a.id().toString(), FoundArtifact::path, FoundArtifact::description)
        .containsExactlyInAnyOrder(
            tuple("skill:pdf-tools", "skills/pdf-tools", "Read PDFs"),
            tuple("skill:plain", "skills/plain", null),
            tuple("skill:nested", "plugins/p/.claude/skills/nested", null),
            tuple("command:review", "commands/review.md", "Review the change"),
            tuple("agent:helper", "agents/helper.md", null),
            tuple("hook:lint", "hooks/lint.md", "Lint: C++"),
            tuple("mcp:github", "mcp/github", null));
    Map<String, String> last = lastCommits(l);
    assertThat(last)
        .containsEntry("skills/pdf-tools", pdfEdit.name())
        .containsEntry("skills/plain", first.name())
        .containsEntry("commands/review.md", commands.name())
        .containsEntry("mcp/github", commands.name());
    CommitInfo c = find(l, "skills/pdf-tools").lastCommit();
    assertThat(c.shortMessage()).isEqualTo("sharper pdf");
    assertThat(c.author()).isEqualTo("Ada Lovelace <ada@example.com>");
    assertThat(c.commitTime()).isEqualTo(Instant.ofEpochSecond(pdfEdit.getCommitTime()));
  }

  @Test
  void browse_atATagBranchOrCommit_listsWhatWasThere() throws Exception {
    upstream.branch("next");
    upstream.checkout("next");
    RevCommit onNext = upstream.commit("agent on next", files("agents/planner.md", "Plan.\n"));
    upstream.checkout("main");

    UpstreamListing tag = browser.browse(upstream.url(), "v1");
    UpstreamListing branch = browser.browse(upstream.url(), "next");
    UpstreamListing sha = browser.browse(upstream.url(), commands.name());
    UpstreamListing shortSha = browser.browse(upstream.url(), commands.name().substring(0, 10));

    assertThat(tag.ref().kind()).isEqualTo(ResolvedRef.Kind.TAG);
    assertThat(tag.ref().commitSha()).isEqualTo(first.name());
    assertThat(tag.artifacts()).extracting(a -> a.id().toString())
        .containsExactlyInAnyOrder("skill:pdf-tools", "skill:plain", "skill:nested");
    assertThat(find(tag, "skills/pdf-tools").lastCommit().sha()).isEqualTo(first.name());
    assertThat(branch.ref().commitSha()).isEqualTo(onNext.name());
    assertThat(lastCommits(branch)).containsEntry("agents/planner.md", onNext.name());
    assertThat(browser.browse(upstream.url(), "main").artifacts())
        .extracting(a -> a.id().toString())
        .doesNotContain("agent:planner");
    assertThat(sha.ref().kind()).isEqualTo(ResolvedRef.Kind.COMMIT);
    assertThat(sha.artifacts()).hasSize(7);
    assertThat(lastCommits(sha)).containsEntry("skills/pdf-tools", first.name());
    assertThat(shortSha.ref().commitSha()).isEqualTo(commands.name());
  }

  @Test
  void lastCommit_afterAMerge_isTheCommitThatMadeTheChange_notTheMerge() throws Exception {
    upstream.branch("side");
    upstream.checkout("side");
    RevCommit sideEdit = upstream.commit("edit plain on side", files("skills/plain/SKILL.md", "# v2\n"));
    upstream.checkout("main");
    RevCommit mainEdit = upstream.commit("edit review", files("commands/review.md", "Review!\n"));
    RevCommit merge = upstream.merge("side", "merge side");

    UpstreamListing l = browser.browse(upstream.url(), null);

    assertThat(l.ref().commitSha()).isEqualTo(merge.name());
    assertThat(lastCommits(l))
        .containsEntry("skills/plain", sideEdit.name())
        .containsEntry("commands/review.md", mainEdit.name())
        .containsEntry("skills/pdf-tools", pdfEdit.name());
  }

  @Test
  void artifacts_inAFolder_listOnlyThatFolder_andASkillAtTheRootIsNamedAfterTheRepository()
      throws Exception {
    assertThat(cache.artifacts(upstream.url(), pdfEdit.name(), "skills", "upstream"))
        .extracting(FoundArtifact::path)
        .containsExactlyInAnyOrder("skills/pdf-tools", "skills/plain");
    assertThat(cache.artifacts(upstream.url(), pdfEdit.name(), "skills/pdf-tools", "upstream"))
        .extracting(FoundArtifact::path)
        .containsExactly("skills/pdf-tools");
    assertThat(cache.artifacts(upstream.url(), pdfEdit.name(), "no/such/folder", "upstream"))
        .isEmpty();

    RevCommit rooted =
        upstream.commit("a skill at the root", files("SKILL.md", "---\ndescription: Root\n---\n"));
    UpstreamListing l = browser.browse(upstream.url(), null);
    assertThat(l.artifacts())
        .extracting(a -> a.id().toString(), FoundArtifact::path, FoundArtifact::description)
        .containsExactly(tuple("skill:upstream", "", "Root"));
    assertThat(l.artifacts().get(0).lastCommit().sha()).isEqualTo(rooted.name());
  }

  @Test
  void browse_unknownRef_isRefNotFound() {
    assertThatThrownBy(() -> browser.browse(upstream.url(), "no-such-branch"))
        .isInstanceOfSatisfying(
            UpstreamRefNotFoundException.class,
            e -> assertThat(e.getMessage()).contains("no-such-branch"));
    assertThatThrownBy(
            () -> browser.browse(upstream.url(), "0123456789abcdef0123456789abcdef01234567"))
        .isInstanceOf(UpstreamRefNotFoundException.class);
  }

  @Test
  void browse_malformedUrl_isInvalidNamingUrl_andNothingIsFetched() throws Exception {
    assertThatThrownBy(() -> browser.browse("ftp://example.com/r.git", null))
        .isInstanceOfSatisfying(
            InvalidUpstreamUrlException.class, e -> assertThat(e.field()).isEqualTo("url"));
    assertThat(root.resolve("data/upstream")).doesNotExist();
  }

  @Test
  void browse_missingRepositoryOrRefusingHost_isUnavailable_notTimeout() throws Exception {
    for (String url :
        new String[] {"file://" + root.resolve("nonexistent.git"), SilentServer.refusingUrl()}) {
      assertThatThrownBy(() -> browser.browse(url, null))
          .as(url)
          .isInstanceOf(UpstreamUnavailableException.class)
          .isNotInstanceOf(UpstreamTimeoutException.class);
    }
  }

  @Test
  void browse_hostThatNeverAnswers_timesOutWithinTheLimit() throws Exception {
    UpstreamBrowser quick = new UpstreamBrowser(cache, Duration.ofSeconds(1));
    try (SilentServer silent = new SilentServer()) {
      assertThatThrownBy(() -> quick.browse(silent.url(), null))
          .isInstanceOfSatisfying(
              UpstreamTimeoutException.class,
              e -> assertThat(e.limit()).isEqualTo(Duration.ofSeconds(1)));
    }
  }

  private static FoundArtifact find(UpstreamListing l, String path) {
    return l.artifacts().stream().filter(a -> a.path().equals(path)).findFirst().orElseThrow();
  }

  private static Map<String, String> lastCommits(UpstreamListing l) {
    Map<String, String> out = new HashMap<>();
    l.artifacts().forEach(a -> out.put(a.path(), a.lastCommit().sha()));
    return out;
  }

  private static Map<String, String> files(String... pathsAndContents) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      m.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return m;
  }
}
