package dev.tiersync.app.artifacts;

import static dev.tiersync.app.artifacts.ApiClient.assertProblem;
import static dev.tiersync.app.artifacts.ApiClient.diff;
import static dev.tiersync.app.artifacts.ApiClient.enc;
import static dev.tiersync.app.artifacts.ApiClient.file;
import static dev.tiersync.app.artifacts.ApiClient.textsOf;
import static dev.tiersync.app.artifacts.ApiClient.versions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.diff.ArtifactDiffer;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * The read API over real HTTP against the whole app, on real folders and a real bare upstream
 * repository, with the default preview limit (1 MB).
 *
 * <p>The tiers, built once through the engine as sync jobs would leave them:
 *
 * <ul>
 *   <li>{@code skill:pdf-tools} (SKILL.md, ref/x.md, binary logo.png): synced from upstream, then
 *       edited in the collection (ref/x.md), deployed, edited in the project (SKILL.md); upstream
 *       then changed SKILL.md and logo.png and added ref/y.md. U→C diverged, C→P modified.
 *   <li>{@code skill:big-data}: one 10 MB text file, synced, not deployed; upstream then changed
 *       three lines. U→C outdated, C→P missing.
 *   <li>{@code command:review}: local, in the collection only. {@code agent:helper}: local,
 *       deployed unchanged. {@code hook:c++-lint}: in the project only.
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactsApiTest {
  private static final Tiers TIERS = TestDataHome.newTiers();

  private static final String SKILL_V1 = "# PDF tools\n\nline 1\nline 2\nline 3\n";
  private static final byte[] LOGO_V1 = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
  private static final byte[] LOGO_V2 = {(byte) 0x89, 'P', 'N', 'G', 0, 9, 9, 9, 9};
  private static final Instant REVIEW_MTIME = Instant.parse("2026-03-04T05:06:07Z");
  private static final int BIG_LINES = bigLineCount();

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
  }

  @LocalServerPort int port;
  @Autowired SyncEngine engine;
  @Autowired ScopeResolver scopes;
  @Autowired UpstreamCache upstreamCache;
  @Autowired MeterRegistry meters;

  private ApiClient api;
  private String project;
  private RevCommit added;
  private final List<RevCommit> pdfChanges = new ArrayList<>();

  @BeforeAll
  void buildTiers() throws Exception {
    api = new ApiClient(port);
    project = TIERS.project().dir().toRealPath().toString();
    added =
        TIERS.upstream().commitBytes(
            "add skills",
            Map.of(
                "README.md", utf8("team skills\n"),
                "skills/pdf-tools/SKILL.md", utf8(SKILL_V1),
                "skills/pdf-tools/ref/x.md", utf8("reference\n"),
                "skills/pdf-tools/logo.png", LOGO_V1,
                "skills/big-data/big.txt", utf8(bigText(false))));
    TIERS.collection().list(
        TIERS.upstreamSkill("pdf-tools"),
        TIERS.upstreamSkill("big-data"),
        ManifestEntry.local("command:review"),
        ManifestEntry.local("agent:helper"));
    TIERS.collection().write("commands/review.md", "Review the change.\n");
    Files.setLastModifiedTime(
        TIERS.collection().path("commands/review.md"), FileTime.from(REVIEW_MTIME));
    TIERS.collection().write("agents/helper.md", "You help.\n");

    sync("skill:pdf-tools", Direction.UPSTREAM_TO_COLLECTION);
    sync("skill:big-data", Direction.UPSTREAM_TO_COLLECTION);
    Files.writeString(
        TIERS.collection().path("skills/pdf-tools/ref/x.md"), "reference\ncollection note\n");
    sync("skill:pdf-tools", Direction.COLLECTION_TO_PROJECT);
    sync("agent:helper", Direction.COLLECTION_TO_PROJECT);
    Files.writeString(
        TIERS.project().path("skills/pdf-tools/SKILL.md"),
        SKILL_V1.replace("line 2", "line 2 (project)"));
    TIERS.project().write("hooks/c++-lint.md", "Lint C++.\n");

    pdfChanges.add(
        TIERS.upstream().commitBytes(
            "sharper skill",
            Map.of(
                "skills/pdf-tools/SKILL.md",
                utf8(SKILL_V1.replace("line 1", "line 1 (upstream)")),
                "skills/pdf-tools/logo.png",
                LOGO_V2)));
    TIERS.upstream().commit("readme only", Map.of("README.md", "team skills, v2\n"));
    pdfChanges.add(
        TIERS.upstream().commit("add y", Map.of("skills/pdf-tools/ref/y.md", "why\n")));
    TIERS.upstream().commit("tweak big data", Map.of("skills/big-data/big.txt", bigText(true)));
    // The read API answers from the mirror; bring it up to date as a refresh would.
    upstreamCache.fetch(TIERS.upstream().url(), null);
  }

  private void sync(String id, Direction direction) throws Exception {
    TierScope scope = scopes.resolve("default", project);
    ArtifactPlan plan =
        engine.plan(
            scope, ArtifactId.parse(id), direction, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
    assertThat(engine.apply(scope, direction, plan).outcome()).isEqualTo(Outcome.CREATED);
  }

  // ------------------------------------------------------------------ list

  @Test
  void list_withProject_givesEveryArtifactWithBothEdgesAndHashes() throws Exception {
    JsonNode list = api.json("/api/v1/artifacts?project_path=" + enc(project), 200);

    assertThat(list.get("collection").asText()).isEqualTo("default");
    assertThat(list.get("project_path").asText()).isEqualTo(project);
    assertThat(ids(list))
        .containsExactly(
            "skill:big-data", "skill:pdf-tools", "command:review", "agent:helper", "hook:c++-lint");
    assertThat(list.get("total").asInt()).isEqualTo(5);
    JsonNode pdf = item(list, "skill:pdf-tools");
    assertThat(pdf.get("type").asText()).isEqualTo("skill");
    assertThat(pdf.get("name").asText()).isEqualTo("pdf-tools");
    assertThat(pdf.at("/status/upstream_to_collection").asText()).isEqualTo("diverged");
    assertThat(pdf.at("/status/collection_to_project").asText()).isEqualTo("modified");
    assertThat(pdf.at("/status/overall").asText()).isEqualTo("diverged");
    assertThat(pdf.get("collection_hash").asText())
        .isEqualTo(Tiers.tree(TIERS.collection().path("skills/pdf-tools")).contentHash());
    assertThat(pdf.get("project_hash").asText())
        .isEqualTo(Tiers.tree(TIERS.project().path("skills/pdf-tools")).contentHash());
    assertThat(pdf.get("upstream_hash").asText())
        .hasSize(64)
        .isNotEqualTo(pdf.get("collection_hash").asText());
    assertThat(pdf.get("upstream_error").isNull()).isTrue();
    JsonNode hook = item(list, "hook:c++-lint");
    assertThat(hook.at("/status/upstream_to_collection").isNull()).isTrue();
    assertThat(hook.at("/status/collection_to_project").asText()).isEqualTo("removed");
    assertThat(hook.get("collection_hash").isNull()).isTrue();
    assertThat(hook.get("upstream_hash").isNull()).isTrue();
  }

  @Test
  void list_withoutProject_hasNoProjectEdgeAndLeavesOutProjectOnlyArtifacts() throws Exception {
    JsonNode list = api.json("/api/v1/artifacts", 200);

    assertThat(ids(list))
        .containsExactly("skill:big-data", "skill:pdf-tools", "command:review", "agent:helper");
    assertThat(list.get("project_path").isNull()).isTrue();
    JsonNode review = item(list, "command:review");
    assertThat(review.at("/status/upstream_to_collection").isNull()).isTrue();
    assertThat(review.at("/status/collection_to_project").isNull()).isTrue();
    assertThat(review.at("/status/overall").isNull()).isTrue();
    assertThat(item(list, "skill:big-data").at("/status/overall").asText()).isEqualTo("outdated");
  }

  @Test
  void list_filteredByType_keepsOnlyThoseTypes() throws Exception {
    assertThat(ids(api.json("/api/v1/artifacts?type=skill", 200)))
        .containsExactly("skill:big-data", "skill:pdf-tools");
    assertThat(ids(api.json("/api/v1/artifacts?type=agent,hook&project_path=" + enc(project), 200)))
        .containsExactly("agent:helper", "hook:c++-lint");
  }

  @Test
  void list_filteredByStatus_matchesEitherEdgeOrOverall() throws Exception {
    String withProject = "&project_path=" + enc(project);

    assertThat(ids(api.json("/api/v1/artifacts?status=outdated" + withProject, 200)))
        .containsExactly("skill:big-data");
    assertThat(ids(api.json("/api/v1/artifacts?status=modified" + withProject, 200)))
        .containsExactly("skill:pdf-tools");
    assertThat(ids(api.json("/api/v1/artifacts?status=missing" + withProject, 200)))
        .containsExactly("skill:big-data", "command:review");
    assertThat(ids(api.json("/api/v1/artifacts?status=synced,removed" + withProject, 200)))
        .containsExactly("agent:helper", "hook:c++-lint");
    assertThat(ids(api.json("/api/v1/artifacts?type=command&status=missing" + withProject, 200)))
        .containsExactly("command:review");
  }

  @Test
  void list_unknownTypeOrStatus_is400NamingTheField() throws Exception {
    assertProblem(api.get("/api/v1/artifacts?type=skill,widget"), 400, "type");
    assertProblem(api.get("/api/v1/artifacts?status=stale"), 400, "status");
  }

  @Test
  void list_badProjectPathOrCollection_is400NamingTheField() throws Exception {
    assertProblem(api.get("/api/v1/artifacts?project_path=relative/app"), 400, "project_path");
    assertProblem(
        api.get("/api/v1/artifacts?project_path=" + enc(TIERS.root().toString())),
        400,
        "project_path");
    assertProblem(api.get("/api/v1/artifacts?collection=nope"), 400, "collection");
    assertProblem(api.get("/api/v1/artifacts?collection=..%2Fx"), 400, "collection");
  }

  // ------------------------------------------------------------------ versions

  @Test
  void versions_inAllThreeTiers_giveHashTimestampSourceRefCommitLineageAndBases() throws Exception {
    JsonNode v = api.json(versions("skill:pdf-tools") + "?project_path=" + enc(project), 200);
    CollectionManifest manifest =
        CollectionManifest.load(TIERS.collection().manifestFile());
    var entry = manifest.find(ArtifactId.parse("skill:pdf-tools")).orElseThrow();
    var deployed =
        DeploymentTracking.load(TIERS.project().trackingFile())
            .find(ArtifactId.parse("skill:pdf-tools"))
            .orElseThrow();
    String collectionHash = Tiers.tree(TIERS.collection().path("skills/pdf-tools")).contentHash();

    assertThat(v.get("artifact_id").asText()).isEqualTo("skill:pdf-tools");
    JsonNode upstream = v.get("upstream");
    RevCommit head = TIERS.upstream().head();
    assertThat(upstream.get("source").asText()).isEqualTo(TIERS.upstream().url());
    assertThat(upstream.get("path").asText()).isEqualTo("skills/pdf-tools");
    assertThat(upstream.get("ref").asText()).isEqualTo("main");
    assertThat(upstream.get("commit").asText()).isEqualTo(head.name());
    assertThat(Instant.parse(upstream.get("timestamp").asText()))
        .isEqualTo(Instant.ofEpochSecond(head.getCommitTime()));
    assertThat(textsOf(upstream.get("lineage"), "commit"))
        .containsExactly(added.name(), pdfChanges.get(0).name(), pdfChanges.get(1).name());
    assertThat(textsOf(upstream.get("lineage"), "note"))
        .containsExactly("add skills", "sharper skill", "add y");
    assertThat(upstream.at("/lineage/2/hash").asText()).isEqualTo(upstream.get("hash").asText());

    JsonNode collection = v.get("collection");
    assertThat(collection.get("hash").asText()).isEqualTo(collectionHash);
    assertThat(collection.get("source").asText()).isEqualTo("default");
    assertThat(collection.get("commit").asText())
        .isEqualTo(added.name())
        .isEqualTo(entry.resolvedSha());
    assertThat(collection.get("ref").asText()).isEqualTo("main");
    assertThat(Instant.parse(collection.get("timestamp").asText())).isEqualTo(entry.lastUpdated());
    assertThat(collection.get("base_hash").asText())
        .isEqualTo(upstream.at("/lineage/0/hash").asText());
    assertThat(collection.get("behind").asInt()).isEqualTo(2);
    assertThat(textsOf(collection.get("lineage"), "hash"))
        .containsExactly(collection.get("base_hash").asText());

    JsonNode proj = v.get("project");
    assertThat(proj.get("source").asText()).isEqualTo(project);
    assertThat(proj.get("hash").asText())
        .isEqualTo(Tiers.tree(TIERS.project().path("skills/pdf-tools")).contentHash());
    assertThat(Instant.parse(proj.get("timestamp").asText())).isEqualTo(deployed.deployedAt());
    assertThat(proj.get("base_hash").asText()).isEqualTo(collectionHash);
    assertThat(textsOf(proj.get("lineage"), "hash")).containsExactly(collectionHash);
    assertThat(proj.get("ref").isNull()).isTrue();

    assertThat(v.at("/status/upstream_to_collection").asText()).isEqualTo("diverged");
    assertThat(v.at("/status/upstream_to_collection_reason").asText())
        .isEqualTo("both changed; a three-way merge is clean");
    assertThat(v.at("/status/collection_to_project").asText()).isEqualTo("modified");
    assertThat(v.at("/status/collection_to_project_reason").asText())
        .isEqualTo("target has local edits");
    assertThat(v.at("/status/overall").asText()).isEqualTo("diverged");
  }

  @Test
  void versions_inOneTier_leaveTheOthersNullAndUseTheFileTime() throws Exception {
    JsonNode review = api.json(versions("command:review") + "?project_path=" + enc(project), 200);

    assertThat(review.get("upstream").isNull()).isTrue();
    assertThat(review.get("project").isNull()).isTrue();
    assertThat(review.at("/collection/hash").asText())
        .isEqualTo(Tiers.tree(TIERS.collection().path("commands/review.md")).contentHash());
    assertThat(Instant.parse(review.at("/collection/timestamp").asText())).isEqualTo(REVIEW_MTIME);
    assertThat(review.at("/collection/lineage").isEmpty()).isTrue();
    assertThat(review.at("/status/upstream_to_collection").isNull()).isTrue();
    assertThat(review.at("/status/collection_to_project").asText()).isEqualTo("missing");
    assertThat(review.at("/status/overall").asText()).isEqualTo("missing");

    // A name with '+' survives URL-encoding in the path.
    JsonNode hook = api.json(versions("hook:c++-lint") + "?project_path=" + enc(project), 200);
    assertThat(hook.get("artifact_id").asText()).isEqualTo("hook:c++-lint");
    assertThat(hook.get("collection").isNull()).isTrue();
    assertThat(hook.at("/project/path").asText()).endsWith("/.claude/hooks/c++-lint.md");
    assertThat(hook.at("/status/collection_to_project").asText()).isEqualTo("removed");
  }

  @Test
  void versions_inTwoTiers_areSyncedWithTheDeployTime() throws Exception {
    JsonNode v = api.json(versions("agent:helper") + "?project_path=" + enc(project), 200);
    var deployed =
        DeploymentTracking.load(TIERS.project().trackingFile())
            .find(ArtifactId.parse("agent:helper"))
            .orElseThrow();

    assertThat(v.get("upstream").isNull()).isTrue();
    assertThat(v.at("/project/hash").asText()).isEqualTo(v.at("/collection/hash").asText());
    assertThat(Instant.parse(v.at("/project/timestamp").asText())).isEqualTo(deployed.deployedAt());
    assertThat(v.at("/project/lineage/0/note").asText()).isEqualTo("collection_to_project create");
    assertThat(v.at("/status/collection_to_project").asText()).isEqualTo("synced");
    assertThat(v.at("/status/overall").asText()).isEqualTo("synced");
  }

  @Test
  void versions_unknownArtifact_is404AndBadId_is400() throws Exception {
    assertProblem(api.get(versions("skill:nope")), 404, null);
    assertProblem(api.get(versions("widget:x")), 400, "artifact_id");
  }

  // ------------------------------------------------------------------ diff

  @Test
  void diff_collectionToUpstream_countsEveryFileAndDescribesTheBinary() throws Exception {
    JsonNode d = api.json(diff("skill:pdf-tools", "collection", "upstream", null), 200);

    assertThat(d.get("lhs").asText()).isEqualTo("collection");
    assertThat(d.get("rhs").asText()).isEqualTo("upstream");
    assertThat(d.get("identical").asBoolean()).isFalse();
    assertThat(textsOf(d.get("files"), "path"))
        .containsExactly("SKILL.md", "logo.png", "ref/x.md", "ref/y.md");
    assertThat(textsOf(d.get("files"), "status"))
        .containsExactly("modified", "modified", "modified", "added");
    assertFile(file(d, "SKILL.md"), 1, 1);
    assertFile(file(d, "ref/x.md"), 0, 1);
    assertFile(file(d, "ref/y.md"), 1, 0);
    assertThat(file(d, "ref/y.md").get("old_size").isNull()).isTrue();
    assertThat(file(d, "ref/y.md").get("new_mode").asText()).isEqualTo("100644");
    JsonNode logo = file(d, "logo.png");
    assertThat(logo.get("binary").asBoolean()).isTrue();
    assertThat(logo.get("unified_diff").isNull()).isTrue();
    assertThat(logo.get("omitted_reason").asText()).contains("binary");
    assertThat(logo.get("old_size").asLong()).isEqualTo(LOGO_V1.length);
    assertThat(logo.get("new_size").asLong()).isEqualTo(LOGO_V2.length);
    assertThat(logo.get("old_sha256").asText()).isEqualTo(ArtifactTree.sha256Hex(LOGO_V1));
    assertThat(logo.get("new_sha256").asText()).isEqualTo(ArtifactTree.sha256Hex(LOGO_V2));
    assertThat(d.get("summary").toString())
        .isEqualTo(
            "{\"files_added\":1,\"files_removed\":0,\"files_modified\":3,\"lines_added\":2,\"lines_removed\":2}");
    assertThat(d.get("truncated").asBoolean()).isFalse();
    assertThat(d.get("download_url").asText())
        .startsWith("/api/v1/artifacts/skill%3Apdf-tools/diff/download?");
  }

  @Test
  void download_binaryFile_servesRhsBytesOrLhsBytesWithSide() throws Exception {
    JsonNode d = api.json(diff("skill:pdf-tools", "collection", "upstream", null), 200);
    String url = file(d, "logo.png").get("download_url").asText();

    ApiClient.Response rhs = api.get(url);
    ApiClient.Response lhs = api.get(url + "&side=lhs");

    assertThat(rhs.status()).isEqualTo(200);
    assertThat(rhs.contentType()).isEqualTo("application/octet-stream");
    assertThat(rhs.bytes()).isEqualTo(LOGO_V2);
    assertThat(lhs.bytes()).isEqualTo(LOGO_V1);
    assertProblem(api.get(url + "&side=middle"), 400, "side");
    assertProblem(api.get(url.replace("logo.png", "nope.png")), 404, null);
  }

  @Test
  void diff_collectionToProject_showsTheLocalEditInline() throws Exception {
    JsonNode d = api.json(diff("skill:pdf-tools", "collection", "project", project), 200);

    assertThat(textsOf(d.get("files"), "status"))
        .containsExactly("modified", "unchanged", "unchanged");
    assertThat(file(d, "SKILL.md").get("unified_diff").asText())
        .isEqualTo(
            """
            --- a/SKILL.md
            +++ b/SKILL.md
            @@ -1,5 +1,5 @@
             # PDF tools
            \s
             line 1
            -line 2
            +line 2 (project)
             line 3
            """);
    assertThat(file(d, "logo.png").get("omitted_reason").isNull()).isTrue();
    assertThat(d.get("truncated").asBoolean()).isFalse();
    assertThat(d.get("download_url").isNull()).isTrue();
  }

  @Test
  void diff_upstreamToProject_combinesBothEdges() throws Exception {
    JsonNode d = api.json(diff("skill:pdf-tools", "upstream", "project", project), 200);

    assertThat(textsOf(d.get("files"), "status"))
        .containsExactly("modified", "modified", "modified", "removed");
    assertFile(file(d, "SKILL.md"), 2, 2);
    assertThat(file(d, "SKILL.md").get("unified_diff").asText())
        .contains("\n-line 1 (upstream)\n-line 2\n+line 1\n+line 2 (project)\n line 3\n");
    assertFile(file(d, "ref/y.md"), 0, 1);
    assertThat(d.at("/summary/files_removed").asInt()).isEqualTo(1);
    assertThat(d.at("/summary/lines_added").asInt()).isEqualTo(3);
    assertThat(d.at("/summary/lines_removed").asInt()).isEqualTo(3);
  }

  @Test
  void diff_baseWithProject_isTheDeployedVersion() throws Exception {
    JsonNode d = api.json(diff("skill:pdf-tools", "base", "project", project), 200);
    JsonNode same = api.json(diff("skill:pdf-tools", "collection", "project", project), 200);

    assertThat(d.get("lhs").asText()).isEqualTo("base");
    assertThat(d.get("lhs_hash").asText()).isEqualTo(same.get("lhs_hash").asText());
    assertThat(d.get("files").toString()).isEqualTo(same.get("files").toString());
  }

  @Test
  void diff_baseWithoutProject_isTheUpstreamVersionAtResolvedSha() throws Exception {
    JsonNode versions = api.json(versions("skill:pdf-tools"), 200);

    JsonNode d = api.json(diff("skill:pdf-tools", "base", "collection", null), 200);

    assertThat(d.get("lhs_hash").asText()).isEqualTo(versions.at("/collection/base_hash").asText());
    assertThat(textsOf(d.get("files"), "status"))
        .containsExactly("unchanged", "unchanged", "modified");
    assertThat(file(d, "ref/x.md").get("unified_diff").asText())
        .endsWith(" reference\n+collection note\n");
  }

  @Test
  void diff_identicalVersions_haveNoChangesAndNoDownload() throws Exception {
    JsonNode helper = api.json(diff("agent:helper", "collection", "project", project), 200);
    JsonNode self = api.json(diff("skill:pdf-tools", "upstream", "upstream", null), 200);

    for (JsonNode d : List.of(helper, self)) {
      assertThat(d.get("identical").asBoolean()).isTrue();
      assertThat(d.get("lhs_hash").asText()).isEqualTo(d.get("rhs_hash").asText());
      assertThat(textsOf(d.get("files"), "status")).allMatch("unchanged"::equals);
      assertThat(d.at("/summary/files_modified").asInt()).isZero();
      assertThat(d.get("download_url").isNull()).isTrue();
    }
    assertThat(textsOf(helper.get("files"), "path")).containsExactly("helper.md");
  }

  @Test
  void diff_versionAbsentOnOneSide_isAllAddedOrAllRemoved() throws Exception {
    JsonNode added = api.json(diff("command:review", "project", "collection", project), 200);
    JsonNode removed = api.json(diff("hook:c++-lint", "project", "collection", project), 200);

    assertThat(added.get("lhs_hash").isNull()).isTrue();
    assertThat(textsOf(added.get("files"), "status")).containsExactly("added");
    assertThat(added.at("/files/0/unified_diff").asText())
        .isEqualTo("--- /dev/null\n+++ b/review.md\n@@ -0,0 +1 @@\n+Review the change.\n");
    assertThat(removed.get("rhs_hash").isNull()).isTrue();
    assertThat(textsOf(removed.get("files"), "status")).containsExactly("removed");
    assertThat(removed.at("/summary/lines_removed").asInt()).isEqualTo(1);
  }

  @Test
  void diff_tenMegabyteTextFile_givesStatsInlineAndTextByDownload() throws Exception {
    JsonNode d = api.json(diff("skill:big-data", "collection", "project", project), 200);

    assertThat(textsOf(d.get("files"), "status")).containsExactly("removed");
    JsonNode big = file(d, "big.txt");
    assertThat(big.get("lines_removed").asInt()).isEqualTo(BIG_LINES);
    assertThat(big.get("old_size").asLong()).isGreaterThanOrEqualTo(10L * 1024 * 1024);
    assertThat(big.get("unified_diff").isNull()).isTrue();
    assertThat(big.get("omitted_reason").asText()).contains("SYNC_DIFF_PREVIEW_MAX");
    assertThat(d.get("truncated").asBoolean()).isTrue();
    assertThat(d.get("truncated_reason").asText())
        .contains("1048576 bytes")
        .contains("SYNC_DIFF_PREVIEW_MAX");

    ApiClient.Response patch = api.get(d.get("download_url").asText());

    assertThat(patch.status()).isEqualTo(200);
    assertThat(patch.contentType()).isEqualTo("text/x-diff;charset=UTF-8");
    String expected =
        ArtifactDiffer.fullPatch(
            Tiers.tree(TIERS.collection().path("skills/big-data")), null, "a/", "b/");
    assertThat(patch.text()).isEqualTo(expected);
    assertThat(patch.text())
        .startsWith(
            "diff --git a/big.txt b/big.txt\n"
                + "deleted file mode 100644\n"
                + "--- a/big.txt\n"
                + "+++ /dev/null\n"
                + "@@ -1,"
                + BIG_LINES
                + " +0,0 @@\n-line 0000000: ");
  }

  @Test
  void diff_smallChangeInTenMegabyteFile_isInline() throws Exception {
    JsonNode d = api.json(diff("skill:big-data", "collection", "upstream", null), 200);

    JsonNode big = file(d, "big.txt");
    assertFile(big, 3, 3);
    assertThat(big.get("unified_diff").asText())
        .contains("-line 0150000: ")
        .contains("+changed 150000\n")
        .hasSizeLessThan(4096);
    assertThat(d.get("truncated").asBoolean()).isFalse();
  }

  @Test
  void diff_repeatedRequest_isServedFromTheCache() throws Exception {
    String url = diff("skill:pdf-tools", "upstream", "project", project);
    api.json(url, 200);
    double hits = cacheRequests("hit");
    double misses = cacheRequests("miss");

    JsonNode again = api.json(url, 200);

    assertThat(again.at("/summary/lines_added").asInt()).isEqualTo(3);
    assertThat(cacheRequests("hit")).isEqualTo(hits + 1);
    assertThat(cacheRequests("miss")).isEqualTo(misses);
    assertThat(meters.find("tiersync_diff_render_failures").counter()).isNotNull();
  }

  @Test
  void diff_badTierNames_are400NamingLhsOrRhs() throws Exception {
    assertProblem(api.get(diff("skill:pdf-tools", "origin", "collection", null)), 400, "lhs");
    assertProblem(api.get(diff("skill:pdf-tools", "collection", "", null)), 400, "rhs");
    assertProblem(
        api.get(versions("skill:pdf-tools").replace("versions", "diff") + "?rhs=project"),
        400,
        "lhs");
  }

  @Test
  void diff_pairWithProjectButNoProjectPath_is400NamingProjectPath() throws Exception {
    assertProblem(
        api.get(diff("skill:pdf-tools", "collection", "project", null)), 400, "project_path");
    assertProblem(api.get(diff("skill:pdf-tools", "project", "base", null)), 400, "project_path");
  }

  @Test
  void diff_unknownArtifact_is404() throws Exception {
    assertProblem(api.get(diff("skill:nope", "collection", "upstream", null)), 404, null);
  }

  @Test
  void download_badPin_is400NamingIt() throws Exception {
    String url =
        diff("skill:pdf-tools", "collection", "upstream", null)
            .replace("/diff?", "/diff/download?");
    assertProblem(api.get(url + "&lhs_hash=abc"), 400, "lhs_hash");
  }

  // ------------------------------------------------------------------ helpers

  private double cacheRequests(String result) {
    return meters.get("tiersync_diff_cache_requests").tag("result", result).counter().count();
  }

  private static void assertFile(JsonNode file, int added, int removed) {
    assertThat(file.get("lines_added").asInt()).as(file.toString()).isEqualTo(added);
    assertThat(file.get("lines_removed").asInt()).as(file.toString()).isEqualTo(removed);
    assertThat(file.get("binary").asBoolean()).isFalse();
    assertThat(file.get("unified_diff").isTextual()).isTrue();
  }

  static List<String> ids(JsonNode list) {
    return textsOf(list.get("items"), "artifact_id");
  }

  private static JsonNode item(JsonNode list, String id) {
    return ApiClient.find(list.get("items"), "artifact_id", id);
  }

  /** 10 MiB of numbered lines; the changed version rewrites three of them. */
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String bigText(boolean changed) {
    StringBuilder b = new StringBuilder(10 * 1024 * 1024 + 64);
    for (int i = 0; i < BIG_LINES; i++) {
      if (changed && (i == 1_000 || i == 90_000 || i == 150_000)) {
        b.append("changed ").append(i).append('\n');
      } else {
        b.append(bigLine(i));
      }
    }
    return b.toString();
  }

  private static String bigLine(int i) {
    return "line %07d: the quick brown fox jumps over the lazy dog\n".formatted(i);
  }

  private static int bigLineCount() {
    int length = bigLine(0).length();
    return (10 * 1024 * 1024 + length - 1) / length;
  }
}
