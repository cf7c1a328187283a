package dev.tiersync.app.upstreams;

import static dev.tiersync.app.artifacts.ApiClient.assertProblem;
import static dev.tiersync.app.artifacts.ApiClient.enc;
import static dev.tiersync.app.artifacts.ApiClient.find;
import static dev.tiersync.app.artifacts.ApiClient.textsOf;
import static dev.tiersync.app.artifacts.ApiClient.versions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.app.artifacts.ApiClient;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.SilentServer;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The upstreams API over real HTTP against the whole app, on a real local upstream with history
 * (a tag, a side branch, a skill path touched by some commits and not others) and a real
 * collection synced from it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpstreamsApiTest {
  private static final Tiers TIERS = TestDataHome.newTiers();

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
    // Short, so the hanging host below is given up on quickly; local fetches take far less.
    registry.add("SYNC_UPSTREAM_TIMEOUT", () -> "3s");
  }

  @LocalServerPort int port;
  @Autowired SyncEngine engine;
  @Autowired ScopeResolver scopes;
  @Autowired UpstreamCache upstreamCache;

  private ApiClient api;
  private RevCommit added;
  private RevCommit edit;
  private RevCommit addRef;
  private RevCommit onNext;

  @BeforeAll
  void buildTiers() throws Exception {
    api = new ApiClient(port);
    added =
        TIERS.upstream().commit(
            "add skills",
            Map.of(
                "README.md", "team skills\n",
                "skills/pdf-tools/SKILL.md", "---\ndescription: Read PDFs\n---\n# PDF\n",
                "skills/other/SKILL.md", "# other\n",
                "commands/review.md", "---\ndescription: Review it\n---\n"));
    TIERS.upstream().tag("v1", false);
    TIERS.collection().list(
        TIERS.upstreamSkill("pdf-tools"),
        TIERS.upstreamSkill("other"),
        ManifestEntry.local("command:review"));
    TIERS.collection().write("commands/review.md", "Review.\n");
    TierScope scope = scopes.resolve("default", null);
    ArtifactId pdf = ArtifactId.parse("skill:pdf-tools");
    ArtifactPlan plan =
        engine.plan(
            scope, pdf, Direction.UPSTREAM_TO_COLLECTION, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
    assertThat(engine.apply(scope, Direction.UPSTREAM_TO_COLLECTION, plan).outcome())
        .isEqualTo(Outcome.CREATED);

    edit =
        TIERS.upstream().commit(
            "sharper pdf", Map.of("skills/pdf-tools/SKILL.md", "---\ndescription: Read PDFs well\n---\n"));
    TIERS.upstream().commit("readme only", Map.of("README.md", "team skills, v2\n"));
    addRef = TIERS.upstream().commit("add ref", Map.of("skills/pdf-tools/ref.md", "ref\n"));
    TIERS.upstream().branch("next");
    TIERS.upstream().checkout("next");
    onNext = TIERS.upstream().commit("planner", Map.of("agents/planner.md", "Plan.\n"));
    TIERS.upstream().checkout("main");
    // The read API answers from the mirror; bring it up to date as a refresh would.
    upstreamCache.fetch(TIERS.upstream().url(), null);
  }

  // ------------------------------------------------------------------ browse

  @Test
  void browse_defaultBranch_listsTheArtifactsWithDescriptionAndLastCommit() throws Exception {
    JsonNode l = api.json(browse(TIERS.upstream().url(), null), 200);

    assertThat(l.get("url").asText()).isEqualTo(TIERS.upstream().url());
    assertThat(l.get("repository").asText()).isEqualTo(TIERS.upstream().url());
    assertThat(l.get("ref").asText()).isEqualTo("main");
    assertThat(l.get("commit").asText()).isEqualTo(addRef.name());
    assertThat(textsOf(l.get("items"), "artifact_id"))
        .containsExactlyInAnyOrder("skill:pdf-tools", "skill:other", "command:review");
    JsonNode pdf = find(l.get("items"), "artifact_id", "skill:pdf-tools");
    assertThat(pdf.get("type").asText()).isEqualTo("skill");
    assertThat(pdf.get("name").asText()).isEqualTo("pdf-tools");
    assertThat(pdf.get("path").asText()).isEqualTo("skills/pdf-tools");
    assertThat(pdf.get("description").asText()).isEqualTo("Read PDFs well");
    JsonNode last = pdf.get("last_commit");
    assertThat(last.get("sha").asText()).isEqualTo(addRef.name());
    assertThat(last.get("subject").asText()).isEqualTo("add ref");
    assertThat(last.get("author").asText()).isEqualTo("Ada Lovelace <ada@example.com>");
    assertThat(Instant.parse(last.get("date").asText()))
        .isEqualTo(Instant.ofEpochSecond(addRef.getCommitTime()));
    JsonNode other = find(l.get("items"), "artifact_id", "skill:other");
    assertThat(other.get("description").isNull()).isTrue();
    assertThat(other.get("last_commit").get("sha").asText()).isEqualTo(added.name());
  }

  @Test
  void browse_atTagBranchOrCommit_listsWhatWasThere() throws Exception {
    JsonNode tag = api.json(browse(TIERS.upstream().url(), "v1"), 200);
    JsonNode next = api.json(browse(TIERS.upstream().url(), "next"), 200);
    JsonNode sha = api.json(browse(TIERS.upstream().url(), edit.name()), 200);

    assertThat(tag.get("ref").asText()).isEqualTo("v1");
    assertThat(tag.get("commit").asText()).isEqualTo(added.name());
    assertThat(
            find(tag.get("items"), "artifact_id", "skill:pdf-tools").get("description").asText())
        .isEqualTo("Read PDFs");
    assertThat(next.get("commit").asText()).isEqualTo(onNext.name());
    assertThat(textsOf(next.get("items"), "artifact_id")).contains("agent:planner");
    assertThat(sha.get("ref").asText()).isEqualTo(edit.name());
    assertThat(
            find(sha.get("items"), "artifact_id", "skill:pdf-tools")
                .get("last_commit")
                .get("sha")
                .asText())
        .isEqualTo(edit.name());
  }

  @Test
  void browse_badInput_isA400NamingTheField() throws Exception {
    assertProblem(api.get("/api/v1/upstreams/artifacts"), 400, "url");
    assertProblem(api.get(browse("ftp://example.com/r.git", null)), 400, "url");
    assertProblem(api.get(browse("relative/path", null)), 400, "url");
    assertProblem(api.get(browse(TIERS.upstream().url(), "no-such-branch")), 400, "ref");
  }

  @Test
  void browse_missingRepositoryOrRefusingHost_is502() throws Exception {
    assertProblem(api.get(browse("file:///nonexistent/skills.git", null)), 502, null);
    assertProblem(api.get(browse(SilentServer.refusingUrl(), null)), 502, null);
  }

  @Test
  void browse_hostThatNeverAnswers_is504() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      ApiClient.Response r = api.get(browse(silent.url(), null));
      assertProblem(r, 504, null);
      assertThat(r.json().get("detail").asText()).contains("longer than 3 s");
    }
  }

  // ------------------------------------------------------------------ commits behind

  @Test
  void commits_listTheUpstreamCommitsThatTouchedThePathSinceResolvedSha() throws Exception {
    JsonNode c = api.json(commits("skill:pdf-tools", ""), 200);

    assertThat(c.get("artifact_id").asText()).isEqualTo("skill:pdf-tools");
    assertThat(c.get("repository").asText()).isEqualTo(TIERS.upstream().url());
    assertThat(c.get("version_spec").asText()).isEqualTo("main");
    assertThat(c.get("ref").asText()).isEqualTo("main");
    assertThat(c.get("resolved_sha").asText()).isEqualTo(added.name());
    assertThat(c.get("head_sha").asText()).isEqualTo(addRef.name());
    assertThat(c.get("behind").asInt()).isEqualTo(2);
    assertThat(textsOf(c.get("items"), "sha")).containsExactly(addRef.name(), edit.name());
    assertThat(textsOf(c.get("items"), "subject")).containsExactly("add ref", "sharper pdf");
    assertThat(c.get("items").get(0).get("author").asText()).isEqualTo("Ada Lovelace <ada@example.com>");
    assertThat(c.get("items").get(0).get("date").asText()).isEqualTo(
        Instant.ofEpochSecond(addRef.getCommitTime()).toString());

    JsonNode one = api.json(commits("skill:pdf-tools", "limit=1"), 200);
    assertThat(one.get("behind").asInt()).isEqualTo(2);
    assertThat(textsOf(one.get("items"), "sha")).containsExactly(addRef.name());
  }

  @Test
  void versions_upstreamBehind_isTheSameCount() throws Exception {
    JsonNode v = api.json(versions("skill:pdf-tools"), 200);

    assertThat(v.get("upstream").get("behind").asInt()).isEqualTo(2);
    assertThat(v.get("collection").get("behind").asInt()).isEqualTo(2);
  }

  @Test
  void commits_withoutResolvedSha_haveNoCount() throws Exception {
    JsonNode c = api.json(commits("skill:other", ""), 200);

    assertThat(c.get("resolved_sha").isNull()).isTrue();
    assertThat(c.get("behind").isNull()).isTrue();
    assertThat(c.get("head_sha").asText()).isEqualTo(addRef.name());
    assertThat(c.get("items")).isEmpty();
  }

  @Test
  void commits_refusals_nameTheCause() throws Exception {
    assertProblem(api.get(commits("command:review", "")), 409, null);
    assertProblem(api.get(commits("skill:nope", "")), 404, null);
    assertProblem(api.get(commits("skill:pdf-tools", "collection=nope")), 404, null);
    assertProblem(api.get(commits("skill:pdf-tools", "collection=.hidden")), 400, "collection");
    assertProblem(api.get(commits("widget:x", "")), 400, "artifact_id");
    for (String limit : new String[] {"0", "201", "-1", "abc"}) {
      assertProblem(api.get(commits("skill:pdf-tools", "limit=" + limit)), 400, "limit");
    }
    assertThat(api.json(commits("skill:pdf-tools", "collection=default&limit=200"), 200).get("items")).hasSize(2);
  }

  private static String browse(String url, String ref) {
    return "/api/v1/upstreams/artifacts?url=" + enc(url) + (ref == null ? "" : "&ref=" + enc(ref));
  }

  private static String commits(String id, String query) {
    return "/api/v1/artifacts/" + enc(id) + "/upstream/commits?" + query;
  }
}
