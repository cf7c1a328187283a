package dev.tiersync.app.artifacts;

import static dev.tiersync.app.artifacts.ApiClient.assertProblem;
import static dev.tiersync.app.artifacts.ApiClient.diff;
import static dev.tiersync.app.artifacts.ApiClient.enc;
import static dev.tiersync.app.artifacts.ApiClient.file;
import static dev.tiersync.app.artifacts.ApiClient.find;
import static dev.tiersync.app.artifacts.ApiClient.textsOf;
import static dev.tiersync.app.artifacts.ApiClient.versions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.diff.ArtifactDiffer;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The read API with {@code SYNC_DIFF_PREVIEW_MAX=2KB}, so that an ordinary diff crosses the preview
 * guard; also the cases that move a tier under the app (refresh, a tier changing between a diff and
 * its download) and an upstream that cannot be reached.
 *
 * <p>Tiers: {@code skill:notes} synced from upstream, which then rewrote a.md, deleted old.md and
 * added new.md (a diff of about 5 KB); {@code skill:fresh} synced and current; {@code skill:orphan}
 * whose upstream does not exist; {@code skill:broken} whose upstream lacks {@code upstream_path};
 * {@code command:moving} and {@code agent:tiny}, local, in the collection and the project with
 * different content.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactsApiSmallPreviewTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final String MISSING_UPSTREAM = "file:///nonexistent/tiersync-test/upstream.git";

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
    registry.add("SYNC_DIFF_PREVIEW_MAX", () -> "2KB");
  }

  @LocalServerPort int port;
  @Autowired SyncEngine engine;
  @Autowired ScopeResolver scopes;
  @Autowired UpstreamCache upstreamCache;
  @Autowired HistoryStore history;

  private ApiClient api;
  private String project;

  @BeforeAll
  void buildTiers() throws Exception {
    api = new ApiClient(port);
    project = TIERS.project().dir().toRealPath().toString();
    TIERS.upstream().commit(
        "add notes",
        Map.of(
            "skills/notes/a.md", lines("note", 120),
            "skills/notes/old.md", "retired\n",
            "skills/fresh/SKILL.md", "fresh\n"));
    TIERS.collection().list(
        TIERS.upstreamSkill("notes"),
        TIERS.upstreamSkill("fresh"),
        ManifestEntry.upstreamSkill("orphan", MISSING_UPSTREAM),
        ManifestEntry.upstreamSkill("broken", MISSING_UPSTREAM).withoutUpstreamPath(),
        ManifestEntry.local("command:moving"),
        ManifestEntry.local("agent:tiny"));
    TierScope scope = scopes.resolve("default", null);
    for (String id : List.of("skill:notes", "skill:fresh")) {
      engine.apply(
          scope,
          Direction.UPSTREAM_TO_COLLECTION,
          engine.plan(
              scope,
              ArtifactId.parse(id),
              Direction.UPSTREAM_TO_COLLECTION,
              MergeStrategy.AUTO,
              FetchPolicy.ALWAYS,
              null));
    }
    TIERS.collection().write("skills/orphan/SKILL.md", "orphan\n");
    TIERS.collection().write("commands/moving.md", lines("collection", 80));
    TIERS.project().write("commands/moving.md", lines("project", 80));
    TIERS.collection().write("agents/tiny.md", "small\n");
    TIERS.project().write("agents/tiny.md", "smaller\n");
    Map<String, String> rework = new HashMap<>();
    rework.put("skills/notes/a.md", lines("note", 60) + lines("revised note", 60));
    rework.put("skills/notes/old.md", null);
    rework.put("skills/notes/new.md", "brand new\n");
    TIERS.upstream().commit("rework notes", rework);
    upstreamCache.fetch(TIERS.upstream().url(), null);
  }

  @Test
  void diff_overPreviewLimit_givesDownloadUrlServingTheCutText(@TempDir Path work)
      throws Exception {
    JsonNode d = api.json(diff("skill:notes", "collection", "upstream", null), 200);

    assertThat(d.get("truncated").asBoolean()).isTrue();
    assertThat(d.get("truncated_reason").asText())
        .contains("above the inline preview limit of 2048 bytes");
    assertThat(textsOf(d.get("files"), "path")).containsExactly("a.md", "new.md", "old.md");
    assertThat(textsOf(d.get("files"), "status")).containsExactly("modified", "added", "removed");
    assertThat(d.get("files").findValues("unified_diff")).allMatch(JsonNode::isNull);
    assertThat(d.get("files").findValues("omitted_reason"))
        .allMatch(n -> n.asText().contains("SYNC_DIFF_PREVIEW_MAX"));
    assertThat(file(d, "a.md").get("lines_added").asInt()).isEqualTo(60);
    assertThat(file(d, "a.md").get("lines_removed").asInt()).isEqualTo(60);
    assertThat(d.at("/summary/lines_added").asInt()).isEqualTo(61);
    assertThat(d.at("/summary/lines_removed").asInt()).isEqualTo(61);

    ApiClient.Response patch = api.get(d.get("download_url").asText());

    assertThat(patch.status()).isEqualTo(200);
    assertThat(patch.contentType()).isEqualTo("text/x-diff;charset=UTF-8");
    ArtifactTree collection = Tiers.tree(TIERS.collection().path("skills/notes"));
    ArtifactTree upstream = history.get(d.get("rhs_hash").asText()).orElseThrow();
    assertThat(patch.text()).isEqualTo(ArtifactDiffer.fullPatch(collection, upstream, "a/", "b/"));
    // Git itself reads the patch: its counts match the API's, and it turns lhs into rhs.
    Path patchFile = work.resolve("notes.diff");
    Files.write(patchFile, patch.bytes());
    Path tree = work.resolve("notes");
    copy(TIERS.collection().path("skills/notes"), tree);
    assertThat(git(tree, "apply", "--numstat", patchFile.toString()))
        .isEqualTo("60\t60\ta.md\n1\t0\tnew.md\n0\t1\told.md\n");
    git(tree, "apply", patchFile.toString());
    assertThat(Tiers.tree(tree).contentHash()).isEqualTo(d.get("rhs_hash").asText());
  }

  @Test
  void diff_underPreviewLimit_staysInline() throws Exception {
    JsonNode d = api.json(diff("agent:tiny", "collection", "project", project), 200);

    assertThat(d.get("truncated").asBoolean()).isFalse();
    assertThat(d.at("/files/0/unified_diff").asText())
        .isEqualTo("--- a/tiny.md\n+++ b/tiny.md\n@@ -1 +1 @@\n-small\n+smaller\n");
    assertThat(d.get("download_url").isNull()).isTrue();
  }

  @Test
  void download_afterTheTierChanged_stillServesTheVersionsTheDiffShowed() throws Exception {
    JsonNode d = api.json(diff("command:moving", "collection", "project", project), 200);
    ArtifactTree before = Tiers.tree(TIERS.collection().path("commands/moving.md"));
    String expected =
        ArtifactDiffer.fullPatch(
            before, Tiers.tree(TIERS.project().path("commands/moving.md")), "a/", "b/");
    assertThat(d.get("truncated").asBoolean()).isTrue();

    Files.writeString(TIERS.collection().path("commands/moving.md"), "rewritten\n");
    ApiClient.Response patch = api.get(d.get("download_url").asText());
    JsonNode now = api.json(diff("command:moving", "collection", "project", project), 200);

    assertThat(patch.text()).isEqualTo(expected);
    assertThat(now.get("lhs_hash").asText()).isNotEqualTo(d.get("lhs_hash").asText());
    assertThat(now.get("truncated").asBoolean()).isFalse();
  }

  @Test
  void versions_withRefresh_seeNewUpstreamCommitsThatTheMirrorLacks() throws Exception {
    String before = api.json(versions("skill:fresh"), 200).at("/upstream/commit").asText();
    RevCommit pushed =
        TIERS.upstream().commit("fresher", Map.of("skills/fresh/SKILL.md", "fresher\n"));

    JsonNode cached = api.json(versions("skill:fresh"), 200);
    JsonNode refreshed = api.json(versions("skill:fresh") + "?refresh=true", 200);

    assertThat(cached.at("/upstream/commit").asText()).isEqualTo(before);
    assertThat(cached.at("/status/upstream_to_collection").asText()).isEqualTo("synced");
    assertThat(refreshed.at("/upstream/commit").asText()).isEqualTo(pushed.name());
    assertThat(refreshed.at("/status/upstream_to_collection").asText()).isEqualTo("outdated");
    assertThat(refreshed.at("/collection/behind").asInt()).isEqualTo(1);
    assertProblem(api.get(versions("skill:fresh") + "?refresh=maybe"), 400, "refresh");
  }

  @Test
  void list_unreachableUpstream_reportsItAndStillReadsTheOtherTiers() throws Exception {
    JsonNode list = api.json("/api/v1/artifacts?refresh=true&project_path=" + enc(project), 200);

    JsonNode orphan = find(list.get("items"), "artifact_id", "skill:orphan");
    assertThat(orphan.get("upstream_error").asText()).contains("nonexistent");
    assertThat(orphan.get("upstream_hash").isNull()).isTrue();
    assertThat(orphan.get("collection_hash").asText()).hasSize(64);
    assertThat(orphan.at("/status/upstream_to_collection").isNull()).isTrue();
    assertThat(orphan.at("/status/collection_to_project").asText()).isEqualTo("missing");
    assertThat(find(list.get("items"), "artifact_id", "skill:notes").get("upstream_error").isNull())
        .isTrue();
    assertThat(
            find(list.get("items"), "artifact_id", "skill:broken").get("upstream_error").asText())
        .contains("upstream_path");
  }

  @Test
  void versionsAndDiff_unreachableUpstream_answerWithoutItOr502() throws Exception {
    JsonNode v = api.json(versions("skill:orphan"), 200);

    assertThat(v.get("upstream").isNull()).isTrue();
    assertThat(v.get("upstream_error").asText()).contains("nonexistent");
    assertThat(v.at("/collection/hash").asText()).hasSize(64);
    assertProblem(api.get(diff("skill:orphan", "upstream", "collection", null)), 502, null);
    assertProblem(api.get(diff("skill:orphan", "base", "collection", null)), 502, null);
    assertThat(
            api.json(diff("skill:orphan", "collection", "collection", null), 200)
                .get("identical")
                .asBoolean())
        .isTrue();
  }

  private static String lines(String word, int count) {
    StringBuilder b = new StringBuilder();
    IntStream.range(0, count)
        .forEach(i -> b.append(word).append(' ').append(i).append(" of the notes\n"));
    return b.toString();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    // Never let git find a repository above the temp folder and apply the patch relative to it.
    pb.environment().put("GIT_CEILING_DIRECTORIES", dir.getParent().toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
