package dev.tiersync.app.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.ProjectLayout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code POST /api/v1/sync/resolve} by {@code artifact_ids} + {@code direction} (no {@code
 * job_id}), over real HTTP against the whole app with the embedded Temporal server, on real tier
 * folders and a real bare upstream reached by a {@code file://} URL.
 *
 * <p>In each direction a sync ends in conflict on two artifacts; a resolve naming one of them must
 * find that sync, change only that artifact (the other keeps its files byte for byte and its
 * tracking or lock entry), and a second resolve settles the other one. Each test works in a
 * collection (and project) of its own, so the syncs that cover every artifact stay apart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResolveByArtifactTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Set<String> TERMINAL = Set.of("success", "conflict", "error", "canceled");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = "a\nb\nc\n";

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
  }

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  // ---------------------------------------------------------------- upstream -> collection

  @Test
  void upstreamToCollection_resolveOneByArtifact_thenTheOther() throws Exception {
    String col = "u2c";
    // An underscore in a name: it must not matter to how the conflicted sync is looked up.
    List<String> names = List.of("u2c_one", "u2c-two");
    upstreamSkills(col, names);
    JsonNode created = sync("upstream_to_collection", col, null, null, "auto");
    assertThat(created.get("state").asText()).as("%s", created).isEqualTo("success");

    editUpstream(Map.of("u2c_one", "a\nUP1\nc\n", "u2c-two", "a\nUP2\nc\n"));
    Files.writeString(skillIn(col, "u2c_one"), "a\nCOL1\nc\n");
    Files.writeString(skillIn(col, "u2c-two"), "a\nCOL2\nc\n");
    // No artifact_ids: the sync covers every artifact of the collection, as the UI's "Update all".
    JsonNode conflicted = sync("upstream_to_collection", col, null, null, "auto");
    assertThat(conflicted.get("state").asText()).as("%s", conflicted).isEqualTo("conflict");
    assertThat(outcomes(conflicted)).containsEntry("skill:u2c_one", "conflict").containsEntry("skill:u2c-two", "conflict");

    Path twoDir = skillDir(col, "u2c-two");
    Map<String, String> twoFiles = files(twoDir);
    assertThat(twoFiles.get("SKILL.md")).contains("<<<<<<< collection");
    Object twoLock = lockEntry(col, "skill:u2c-two");
    Object twoManifest = manifestEntry(col, "skill:u2c-two");

    JsonNode theirs = resolve(Map.of(
        "artifact_ids", List.of("skill:u2c_one"), "direction", "upstream_to_collection",
        "collection", col, "strategy", "theirs"));
    assertThat(theirs.get("state").asText()).as("%s", theirs).isEqualTo("success");
    assertThat(artifactIds(theirs)).containsExactly("skill:u2c_one");
    assertThat(Files.readString(skillIn(col, "u2c_one"))).isEqualTo("a\nUP1\nc\n");
    assertThat(files(twoDir)).as("the other artifact's files").isEqualTo(twoFiles);
    assertThat(lockEntry(col, "skill:u2c-two")).isEqualTo(twoLock);
    assertThat(manifestEntry(col, "skill:u2c-two")).isEqualTo(twoManifest);

    Map<String, String> oneFiles = files(skillDir(col, "u2c_one"));
    Object oneLock = lockEntry(col, "skill:u2c_one");
    JsonNode ours = resolve(Map.of(
        "artifact_ids", List.of("skill:u2c-two"), "direction", "upstream_to_collection",
        "collection", col, "strategy", "ours"));
    assertThat(ours.get("state").asText()).as("%s", ours).isEqualTo("success");
    assertThat(artifactIds(ours)).containsExactly("skill:u2c-two");
    assertThat(Files.readString(skillIn(col, "u2c-two"))).isEqualTo("a\nCOL2\nc\n");
    assertThat(files(skillDir(col, "u2c_one"))).isEqualTo(oneFiles);
    assertThat(lockEntry(col, "skill:u2c_one")).isEqualTo(oneLock);
  }

  @Test
  void upstreamToCollection_projectPathInTheRequestDoesNotHideTheConflict() throws Exception {
    String col = "u2cproj";
    List<String> names = List.of("u2cp-one", "u2cp-two");
    upstreamSkills(col, names);
    sync("upstream_to_collection", col, null, names.stream().map(n -> "skill:" + n).toList(), "auto");
    editUpstream(Map.of("u2cp-one", "a\nUP1\nc\n", "u2cp-two", "a\nUP2\nc\n"));
    Files.writeString(skillIn(col, "u2cp-one"), "a\nCOL1\nc\n");
    Files.writeString(skillIn(col, "u2cp-two"), "a\nCOL2\nc\n");
    // The sync names its artifacts and no project; the resolve comes from a screen that has one.
    JsonNode conflicted =
        sync("upstream_to_collection", col, null, List.of("skill:u2cp-one", "skill:u2cp-two"), "auto");
    assertThat(conflicted.get("state").asText()).isEqualTo("conflict");
    Path project = project("u2cproj");

    JsonNode theirs = resolve(Map.of(
        "artifact_ids", List.of("skill:u2cp-two"), "direction", "upstream_to_collection",
        "collection", col, "project_path", project.toString(), "strategy", "theirs"));
    assertThat(theirs.get("state").asText()).as("%s", theirs).isEqualTo("success");
    assertThat(Files.readString(skillIn(col, "u2cp-two"))).isEqualTo("a\nUP2\nc\n");
    assertThat(Files.readString(skillIn(col, "u2cp-one"))).contains("<<<<<<< collection");
  }

  // ---------------------------------------------------------------- collection -> project

  @Test
  void collectionToProject_resolveOneByArtifact_thenTheOther() throws Exception {
    String col = "c2p";
    upstreamSkills(col, List.of("c2p-one", "c2p-two"));
    sync("upstream_to_collection", col, null, null, "auto");
    Path project = project("c2p");
    JsonNode deployed = sync("collection_to_project", col, project, null, "auto");
    assertThat(deployed.get("state").asText()).as("%s", deployed).isEqualTo("success");

    Files.writeString(skillIn(project, "c2p-one"), "a\nPROJ1\nc\n");
    Files.writeString(skillIn(project, "c2p-two"), "a\nPROJ2\nc\n");
    Files.writeString(skillIn(col, "c2p-one"), "a\nCOL1\nc\n");
    Files.writeString(skillIn(col, "c2p-two"), "a\nCOL2\nc\n");
    JsonNode conflicted = sync("collection_to_project", col, project, null, "auto");
    assertThat(conflicted.get("state").asText()).as("%s", conflicted).isEqualTo("conflict");
    assertThat(outcomes(conflicted)).containsEntry("skill:c2p-one", "conflict").containsEntry("skill:c2p-two", "conflict");

    Map<String, String> twoFiles = files(skillDir(project, "c2p-two"));
    assertThat(twoFiles.get("SKILL.md")).contains("<<<<<<< project");
    Object twoTracking = deployedEntry(project, "skill:c2p-two");

    JsonNode theirs = resolve(Map.of(
        "artifact_ids", List.of("skill:c2p-one"), "direction", "collection_to_project",
        "collection", col, "project_path", project.toString(), "strategy", "theirs"));
    assertThat(theirs.get("state").asText()).as("%s", theirs).isEqualTo("success");
    assertThat(artifactIds(theirs)).containsExactly("skill:c2p-one");
    assertThat(Files.readString(skillIn(project, "c2p-one"))).isEqualTo("a\nCOL1\nc\n");
    assertThat(files(skillDir(project, "c2p-two"))).isEqualTo(twoFiles);
    assertThat(deployedEntry(project, "skill:c2p-two")).isEqualTo(twoTracking);

    Map<String, String> oneFiles = files(skillDir(project, "c2p-one"));
    Object oneTracking = deployedEntry(project, "skill:c2p-one");
    JsonNode ours = resolve(Map.of(
        "artifact_ids", List.of("skill:c2p-two"), "direction", "collection_to_project",
        "collection", col, "project_path", project.toString(), "strategy", "ours"));
    assertThat(ours.get("state").asText()).as("%s", ours).isEqualTo("success");
    assertThat(artifactIds(ours)).containsExactly("skill:c2p-two");
    assertThat(Files.readString(skillIn(project, "c2p-two"))).isEqualTo("a\nPROJ2\nc\n");
    assertThat(files(skillDir(project, "c2p-one"))).isEqualTo(oneFiles);
    assertThat(deployedEntry(project, "skill:c2p-one")).isEqualTo(oneTracking);
  }

  // ---------------------------------------------------------------- project -> collection

  @Test
  void projectToCollection_resolveOneByArtifact_thenTheOther() throws Exception {
    String col = "p2c";
    upstreamSkills(col, List.of("p2c-one", "p2c-two"));
    sync("upstream_to_collection", col, null, null, "auto");
    Path project = project("p2c");
    sync("collection_to_project", col, project, null, "auto");

    Files.writeString(skillIn(project, "p2c-one"), "X1\nb\nc\n");
    Files.writeString(skillIn(project, "p2c-two"), "X2\nb\nc\n");
    Files.writeString(skillIn(col, "p2c-one"), "Y1\nb\nc\n");
    Files.writeString(skillIn(col, "p2c-two"), "Y2\nb\nc\n");
    JsonNode conflicted = sync("project_to_collection", col, project, null, "auto");
    assertThat(conflicted.get("state").asText()).as("%s", conflicted).isEqualTo("conflict");
    assertThat(outcomes(conflicted)).containsEntry("skill:p2c-one", "conflict").containsEntry("skill:p2c-two", "conflict");

    Map<String, String> twoFiles = files(skillDir(col, "p2c-two"));
    assertThat(twoFiles.get("SKILL.md")).startsWith("<<<<<<< collection");
    Object twoTracking = deployedEntry(project, "skill:p2c-two");
    Object twoManifest = manifestEntry(col, "skill:p2c-two");

    JsonNode ours = resolve(Map.of(
        "artifact_ids", List.of("skill:p2c-one"), "direction", "project_to_collection",
        "collection", col, "project_path", project.toString(), "strategy", "ours"));
    assertThat(ours.get("state").asText()).as("%s", ours).isEqualTo("success");
    assertThat(artifactIds(ours)).containsExactly("skill:p2c-one");
    assertThat(Files.readString(skillIn(col, "p2c-one"))).isEqualTo("Y1\nb\nc\n");
    assertThat(files(skillDir(col, "p2c-two"))).isEqualTo(twoFiles);
    assertThat(deployedEntry(project, "skill:p2c-two")).isEqualTo(twoTracking);
    assertThat(manifestEntry(col, "skill:p2c-two")).isEqualTo(twoManifest);

    Map<String, String> oneFiles = files(skillDir(col, "p2c-one"));
    Object oneTracking = deployedEntry(project, "skill:p2c-one");
    JsonNode theirs = resolve(Map.of(
        "artifact_ids", List.of("skill:p2c-two"), "direction", "project_to_collection",
        "collection", col, "project_path", project.toString(), "strategy", "theirs"));
    assertThat(theirs.get("state").asText()).as("%s", theirs).isEqualTo("success");
    assertThat(artifactIds(theirs)).containsExactly("skill:p2c-two");
    assertThat(Files.readString(skillIn(col, "p2c-two"))).isEqualTo("X2\nb\nc\n");
    assertThat(files(skillDir(col, "p2c-one"))).isEqualTo(oneFiles);
    assertThat(deployedEntry(project, "skill:p2c-one")).isEqualTo(oneTracking);
  }

  // ---------------------------------------------------------------- by job_id, narrowed

  @Test
  void byJobId_narrowedToOneArtifact_leavesTheOtherAlone() throws Exception {
    String col = "byjob";
    upstreamSkills(col, List.of("job-one", "job-two"));
    sync("upstream_to_collection", col, null, null, "auto");
    Path project = project("byjob");
    sync("collection_to_project", col, project, null, "auto");
    Files.writeString(skillIn(project, "job-one"), "a\nPROJ1\nc\n");
    Files.writeString(skillIn(project, "job-two"), "a\nPROJ2\nc\n");
    Files.writeString(skillIn(col, "job-one"), "a\nCOL1\nc\n");
    Files.writeString(skillIn(col, "job-two"), "a\nCOL2\nc\n");
    JsonNode conflicted = sync("collection_to_project", col, project, null, "auto");
    Map<String, String> twoFiles = files(skillDir(project, "job-two"));
    Object twoTracking = deployedEntry(project, "skill:job-two");

    JsonNode theirs = resolve(Map.of(
        "job_id", conflicted.get("job_id").asText(), "artifact_ids", List.of("skill:job-one"),
        "strategy", "theirs"));
    assertThat(theirs.get("state").asText()).as("%s", theirs).isEqualTo("success");
    assertThat(artifactIds(theirs)).containsExactly("skill:job-one");
    assertThat(Files.readString(skillIn(project, "job-one"))).isEqualTo("a\nCOL1\nc\n");
    assertThat(files(skillDir(project, "job-two"))).isEqualTo(twoFiles);
    assertThat(deployedEntry(project, "skill:job-two")).isEqualTo(twoTracking);
  }

  @Test
  void strategiesNamingOneArtifact_resolveOnlyThatOne() throws Exception {
    String col = "bystrat";
    upstreamSkills(col, List.of("strat-one", "strat-two"));
    sync("upstream_to_collection", col, null, null, "auto");
    Path project = project("bystrat");
    sync("collection_to_project", col, project, null, "auto");
    Files.writeString(skillIn(project, "strat-one"), "a\nPROJ1\nc\n");
    Files.writeString(skillIn(project, "strat-two"), "a\nPROJ2\nc\n");
    Files.writeString(skillIn(col, "strat-one"), "a\nCOL1\nc\n");
    Files.writeString(skillIn(col, "strat-two"), "a\nCOL2\nc\n");
    JsonNode conflicted = sync("collection_to_project", col, project, null, "auto");
    assertThat(conflicted.get("state").asText()).isEqualTo("conflict");
    // The user settles strat-two by hand but has not told tiersync yet.
    Files.writeString(skillIn(project, "strat-two"), "a\nPROJ2 and COL2\nc\n");
    Map<String, String> twoFiles = files(skillDir(project, "strat-two"));
    Object twoTracking = deployedEntry(project, "skill:strat-two");

    JsonNode theirs = resolve(Map.of(
        "job_id", conflicted.get("job_id").asText(), "strategies", Map.of("skill:strat-one", "theirs")));
    assertThat(theirs.get("state").asText()).as("%s", theirs).isEqualTo("success");
    assertThat(artifactIds(theirs)).containsExactly("skill:strat-one");
    assertThat(Files.readString(skillIn(project, "strat-one"))).isEqualTo("a\nCOL1\nc\n");
    assertThat(files(skillDir(project, "strat-two"))).isEqualTo(twoFiles);
    assertThat(deployedEntry(project, "skill:strat-two")).as("not accepted behind the user's back").isEqualTo(twoTracking);

    // The same by artifact: the strategies' keys name the artifacts.
    Map<String, String> oneFiles = files(skillDir(project, "strat-one"));
    Object oneTracking = deployedEntry(project, "skill:strat-one");
    JsonNode accepted = resolve(Map.of(
        "direction", "collection_to_project", "collection", col, "project_path", project.toString(),
        "strategies", Map.of("skill:strat-two", "auto")));
    assertThat(accepted.get("state").asText()).as("%s", accepted).isEqualTo("success");
    assertThat(artifactIds(accepted)).containsExactly("skill:strat-two");
    assertThat(Files.readString(skillIn(project, "strat-two"))).isEqualTo("a\nPROJ2 and COL2\nc\n");
    assertThat(files(skillDir(project, "strat-one"))).isEqualTo(oneFiles);
    assertThat(deployedEntry(project, "skill:strat-one")).isEqualTo(oneTracking);

    // A strategy for an artifact the request does not list is a mistake, not a silent extra.
    Response bad = post("/api/v1/sync/resolve", Map.of(
        "job_id", conflicted.get("job_id").asText(), "artifact_ids", List.of("skill:strat-one"),
        "strategies", Map.of("skill:strat-two", "ours")));
    assertThat(bad.status()).as("%s", bad.body()).isEqualTo(400);
    assertThat(bad.body().get("field").asText()).isEqualTo("strategies.skill:strat-two");
  }

  @Test
  void dryRunJob_isNotAConflictToResolve() throws Exception {
    String col = "dry";
    upstreamSkills(col, List.of("dry-one"));
    sync("upstream_to_collection", col, null, null, "auto");
    editUpstream(Map.of("dry-one", "a\nUP\nc\n"));
    Files.writeString(skillIn(col, "dry-one"), "a\nCOL\nc\n");
    JsonNode dry = syncDry("upstream_to_collection", col, null, null, "auto");
    assertThat(dry.at("/plans/0/action").asText()).isEqualTo("conflict");

    Response byJob = post("/api/v1/sync/resolve", Map.of("job_id", dry.get("job_id").asText(), "strategy", "theirs"));
    assertThat(byJob.status()).as("%s", byJob.body()).isEqualTo(409);
    assertThat(byJob.body().get("field").asText()).isEqualTo("job_id");
    Response byArtifact = post("/api/v1/sync/resolve", Map.of(
        "artifact_ids", List.of("skill:dry-one"), "direction", "upstream_to_collection", "collection", col,
        "strategy", "theirs"));
    assertThat(byArtifact.status()).as("%s", byArtifact.body()).isEqualTo(409);
    assertThat(Files.readString(skillIn(col, "dry-one"))).isEqualTo("a\nCOL\nc\n");
  }

  // ---------------------------------------------------------------- nothing to find

  @Test
  void noConflictedSync_isA409NamingTheArtifact() throws Exception {
    String col = "none";
    upstreamSkills(col, List.of("none-one"));
    sync("upstream_to_collection", col, null, null, "auto");
    Path project = project("none");
    sync("collection_to_project", col, project, null, "auto");

    for (String direction : List.of("upstream_to_collection", "collection_to_project", "project_to_collection")) {
      Map<String, Object> body = new HashMap<>(Map.of(
          "artifact_ids", List.of("skill:none-one"), "direction", direction, "collection", col,
          "strategy", "theirs"));
      if (!direction.startsWith("upstream")) {
        body.put("project_path", project.toString());
      }
      Response r = post("/api/v1/sync/resolve", body);
      assertThat(r.status()).as("%s: %s", direction, r.body()).isEqualTo(409);
      assertThat(r.body().get("field").asText()).isEqualTo("artifact_ids[0]");
      assertThat(r.body().get("detail").asText())
          .startsWith("no conflicted sync of skill:none-one is recorded for this direction");
    }
    assertThat(Files.readString(skillIn(project, "none-one"))).isEqualTo(BASE);
  }

  @Test
  void conflictInAnotherProject_isNotThisProjectsConflict() throws Exception {
    String col = "other";
    upstreamSkills(col, List.of("other-one"));
    sync("upstream_to_collection", col, null, null, "auto");
    Path mine = project("other-mine");
    Path theirsProject = project("other-theirs");
    sync("collection_to_project", col, mine, null, "auto");
    sync("collection_to_project", col, theirsProject, null, "auto");
    Files.writeString(skillIn(theirsProject, "other-one"), "a\nPROJ\nc\n");
    Files.writeString(skillIn(col, "other-one"), "a\nCOL\nc\n");
    JsonNode conflicted = sync("collection_to_project", col, theirsProject, null, "auto");
    assertThat(conflicted.get("state").asText()).isEqualTo("conflict");

    Response r = post("/api/v1/sync/resolve", Map.of(
        "artifact_ids", List.of("skill:other-one"), "direction", "collection_to_project",
        "collection", col, "project_path", mine.toString(), "strategy", "theirs"));
    assertThat(r.status()).as("%s", r.body()).isEqualTo(409);
    assertThat(Files.readString(skillIn(theirsProject, "other-one"))).contains("<<<<<<< project");
  }

  // ---------------------------------------------------------------- superseded

  @Test
  void newerSyncThatWroteTheArtifact_settlesTheOlderConflict() throws Exception {
    String col = "sup";
    upstreamSkills(col, List.of("sup-one", "sup-two"));
    sync("upstream_to_collection", col, null, null, "auto");
    Path project = project("sup");
    sync("collection_to_project", col, project, null, "auto");
    Files.writeString(skillIn(project, "sup-one"), "a\nPROJ1\nc\n");
    Files.writeString(skillIn(project, "sup-two"), "a\nPROJ2\nc\n");
    Files.writeString(skillIn(col, "sup-one"), "a\nCOL1\nc\n");
    Files.writeString(skillIn(col, "sup-two"), "a\nCOL2\nc\n");
    JsonNode conflicted = sync("collection_to_project", col, project, null, "auto");
    assertThat(conflicted.get("state").asText()).isEqualTo("conflict");

    // Running the same sync again changes nothing (the markers stay): the conflict still stands.
    JsonNode again = sync("collection_to_project", col, project, List.of("skill:sup-two"), "auto");
    assertThat(outcomes(again)).containsEntry("skill:sup-two", "unchanged");
    // A dry run writes nothing either.
    JsonNode dry = syncDry("collection_to_project", col, project, List.of("skill:sup-one"), "theirs");
    assertThat(dry.get("state").asText()).isEqualTo("success");

    // A newer applied sync overwrites sup-one with the collection's version: that settles it.
    JsonNode overwrite = sync("collection_to_project", col, project, List.of("skill:sup-one"), "theirs");
    assertThat(outcomes(overwrite)).containsEntry("skill:sup-one", "updated");
    Files.writeString(skillIn(project, "sup-one"), "a\nCOL1\nc\nedited after the sync\n");

    Response settled = post("/api/v1/sync/resolve", Map.of(
        "artifact_ids", List.of("skill:sup-one"), "direction", "collection_to_project",
        "collection", col, "project_path", project.toString(), "strategy", "ours"));
    assertThat(settled.status()).as("%s", settled.body()).isEqualTo(409);
    assertThat(settled.body().get("detail").asText())
        .startsWith("no conflicted sync of skill:sup-one is recorded for this direction")
        .contains(overwrite.get("job_id").asText());
    assertThat(Files.readString(skillIn(project, "sup-one")))
        .as("the stale 'ours' of the old conflict must not come back")
        .isEqualTo("a\nCOL1\nc\nedited after the sync\n");

    // sup-two was not in the newer sync: its conflict is still the one to resolve.
    JsonNode ours = resolve(Map.of(
        "artifact_ids", List.of("skill:sup-two"), "direction", "collection_to_project",
        "collection", col, "project_path", project.toString(), "strategy", "ours"));
    assertThat(ours.get("state").asText()).as("%s", ours).isEqualTo("success");
    assertThat(Files.readString(skillIn(project, "sup-two"))).isEqualTo("a\nPROJ2\nc\n");

    // A resolve does not settle the conflict for a later resolve: the strategy can be changed,
    // as with job_id (every overwritten version stays in the history store).
    JsonNode theirs = resolve(Map.of(
        "artifact_ids", List.of("skill:sup-two"), "direction", "collection_to_project",
        "collection", col, "project_path", project.toString(), "strategy", "theirs"));
    assertThat(theirs.get("state").asText()).as("%s", theirs).isEqualTo("success");
    assertThat(Files.readString(skillIn(project, "sup-two"))).isEqualTo("a\nCOL2\nc\n");
  }

  // ---------------------------------------------------------------- three panes, chosen result

  @Test
  void threePanes_thenAChosenResult_andUnion() throws Exception {
    String col = "panes";
    upstreamSkills(col, List.of("panes-one", "panes-two"));
    sync("upstream_to_collection", col, null, null, "auto");
    Path project = project("panes");
    sync("collection_to_project", col, project, null, "auto");
    Files.writeString(skillIn(project, "panes-one"), "A\nPROJ\nc\n");
    Files.writeString(skillIn(project, "panes-two"), "a\nPROJ2\nc\n");
    Files.writeString(skillIn(col, "panes-one"), "a\nCOL\nc\nd\n");
    Files.writeString(skillIn(col, "panes-two"), "a\nCOL2\nc\n");
    JsonNode conflicted = sync("collection_to_project", col, project, null, "auto");
    assertThat(conflicted.get("state").asText()).as("%s", conflicted).isEqualTo("conflict");
    String jobId = conflicted.get("job_id").asText();

    Response panes = get("/api/v1/sync/jobs/" + jobId + "/conflicts/skill:panes-one");
    assertThat(panes.status()).as("%s", panes.body()).isEqualTo(200);
    JsonNode v = panes.body();
    assertThat(v.get("ours_tier").asText()).isEqualTo("project");
    assertThat(v.get("theirs_tier").asText()).isEqualTo("collection");
    assertThat(v.get("files")).hasSize(1);
    JsonNode file = v.at("/files/0");
    assertThat(file.get("path").asText()).isEqualTo("SKILL.md");
    assertThat(file.get("kind").asText()).isEqualTo("content");
    assertThat(file.get("binary").asBoolean()).isFalse();
    assertThat(file.get("base").asText()).isEqualTo(BASE);
    assertThat(file.get("ours").asText()).isEqualTo("A\nPROJ\nc\n");
    assertThat(file.get("theirs").asText()).isEqualTo("a\nCOL\nc\nd\n");
    List<String> hunks = new ArrayList<>();
    file.get("hunks").forEach(h -> hunks.add(h.get("kind").asText() + "/" + h.get("from").asText()));
    // "A" (project) and "b"→PROJ / "b"→COL touch: one conflict, as git merge-file has it.
    assertThat(hunks).containsExactly("conflict/null", "common/both", "theirs/collection");
    JsonNode conflict = file.at("/hunks/0");
    assertThat(conflict.get("ours").asText()).isEqualTo("A\nPROJ\n");
    assertThat(conflict.get("base").asText()).isEqualTo("a\nb\n");
    assertThat(conflict.get("theirs").asText()).isEqualTo("a\nCOL\n");
    assertThat(file.at("/hunks/2/theirs").asText()).isEqualTo("d\n");

    Response notConflicted = get("/api/v1/sync/jobs/" + jobId + "/conflicts/skill:nope");
    assertThat(notConflicted.status()).isEqualTo(404);
    assertThat(notConflicted.body().get("field").asText()).isEqualTo("artifact_id");

    // Refused: a result still holding markers, and a file that did not conflict.
    Response marked = post("/api/v1/sync/resolve", Map.of(
        "job_id", jobId, "files", Map.of("skill:panes-one", Map.of("SKILL.md", Map.of(
            "content", "<<<<<<< project\nA\n=======\na\n>>>>>>> collection\n")))));
    assertThat(marked.status()).as("%s", marked.body()).isEqualTo(400);
    assertThat(marked.body().get("field").asText()).isEqualTo("files.skill:panes-one.SKILL.md.content");
    assertThat(marked.body().get("detail").asText()).contains("SKILL.md");
    Response stranger = post("/api/v1/sync/resolve", Map.of(
        "job_id", jobId, "files", Map.of("skill:panes-one", Map.of("notes.md", Map.of("strategy", "ours")))));
    assertThat(stranger.status()).as("%s", stranger.body()).isEqualTo(400);
    assertThat(stranger.body().get("field").asText()).isEqualTo("files.skill:panes-one.notes.md");
    assertThat(Files.readString(skillIn(project, "panes-one"))).contains("<<<<<<< project");

    // The result a client builds from the hunks: both sides of the conflict, then the rest.
    String chosen = "A\nPROJ\nCOL\nc\nd\n";
    Object trackingBefore = deployedEntry(project, "skill:panes-one");
    JsonNode resolved = resolve(Map.of(
        "job_id", jobId, "files", Map.of("skill:panes-one", Map.of("SKILL.md", Map.of("content", chosen)))));
    assertThat(resolved.get("state").asText()).as("%s", resolved).isEqualTo("success");
    assertThat(artifactIds(resolved)).containsExactly("skill:panes-one");
    assertThat(Files.readString(skillIn(project, "panes-one"))).isEqualTo(chosen);
    dev.tiersync.engine.tier.DeployedArtifact tracking =
        (dev.tiersync.engine.tier.DeployedArtifact) deployedEntry(project, "skill:panes-one");
    assertThat(tracking).isNotEqualTo(trackingBefore);
    assertThat(tracking.contentHash())
        .as("the tracking entry moves to the collection's version (SkillMeat's hash), as after a clean sync")
        .isEqualTo(dev.tiersync.engine.skillmeat.SkillMeatHash.of(skillDir(col, "panes-one")));
    assertThat(Files.readString(skillIn(project, "panes-two"))).as("untouched").contains("<<<<<<< project");
    JsonNode audit = get("/api/v1/audit?artifact=skill:panes-one").body().at("/items/0");
    assertThat(audit.get("job_id").asText()).isEqualTo(resolved.get("job_id").asText());
    assertThat(audit.get("kind").asText()).isEqualTo("resolve");
    assertThat(audit.at("/changes/0/after_hash").asText())
        .isEqualTo(dev.tiersync.engine.testing.Tiers.hash(skillDir(project, "panes-one")));

    // union: both sides' lines of each conflict, ours first (git merge-file --diff3 --union).
    JsonNode union = resolve(Map.of(
        "job_id", jobId, "files", Map.of("skill:panes-two", Map.of("SKILL.md", Map.of("strategy", "union")))));
    assertThat(union.get("state").asText()).as("%s", union).isEqualTo("success");
    assertThat(Files.readString(skillIn(project, "panes-two"))).isEqualTo("a\nPROJ2\nCOL2\nc\n");
  }

  @Test
  void threePanesOfASkillMd_showAKeyChangedTwoWaysAsOneConflict_andKeepTheOtherKeysMerged() throws Exception {
    String col = "fmpanes";
    String fm = "---\nname: fm-one\ndescription: Work with PDFs\nallowed-tools: Read, Grep\n---\n";
    upstreamSkills(col, List.of("fm-one"));
    editUpstream(Map.of("fm-one", fm + BASE));
    sync("upstream_to_collection", col, null, null, "auto");
    Path project = project("fmpanes");
    sync("collection_to_project", col, project, null, "auto");
    Files.writeString(skillIn(project, "fm-one"), fm.replace("Work with PDFs", "Ours") + "a\nPROJ\nc\n");
    Files.writeString(
        skillIn(col, "fm-one"),
        fm.replace("Work with PDFs", "Theirs").replace("Read, Grep", "Read") + "a\nCOL\nc\n");
    JsonNode conflicted = sync("collection_to_project", col, project, null, "auto");
    assertThat(conflicted.get("state").asText()).as("%s", conflicted).isEqualTo("conflict");
    String jobId = conflicted.get("job_id").asText();

    JsonNode file = get("/api/v1/sync/jobs/" + jobId + "/conflicts/skill:fm-one").body().at("/files/0");
    assertThat(file.get("front_matter").asBoolean()).as("%s", file).isTrue();
    List<String> conflicts = new ArrayList<>();
    file.get("hunks").forEach(h -> {
      if (h.get("kind").asText().equals("conflict")) {
        conflicts.add(h.get("key").asText() + ": " + h.get("ours").asText() + " | " + h.get("theirs").asText());
      }
    });
    assertThat(conflicts).containsExactly(
        "description: description: Ours\n | description: Theirs\n", "null: PROJ\n | COL\n");
    List<String> fromCollection = new ArrayList<>();
    file.get("hunks").forEach(h -> {
      if (h.get("kind").asText().equals("theirs")) {
        fromCollection.add(h.get("from").asText() + ": " + h.get("theirs").asText());
      }
    });
    assertThat(fromCollection).containsExactly("collection: allowed-tools: Read\n");

    // union cannot keep two values of one key; a result without a description is refused.
    Response union = post("/api/v1/sync/resolve", Map.of(
        "job_id", jobId, "files", Map.of("skill:fm-one", Map.of("SKILL.md", Map.of("strategy", "union")))));
    assertThat(union.status()).as("%s", union.body()).isEqualTo(400);
    assertThat(union.body().get("field").asText()).isEqualTo("files.skill:fm-one.SKILL.md.strategy");
    assertThat(union.body().get("detail").asText()).contains("'description'");
    Response invalid = post("/api/v1/sync/resolve", Map.of(
        "job_id", jobId, "files", Map.of("skill:fm-one", Map.of("SKILL.md", Map.of(
            "content", "---\nname: fm-one\n---\na\nPROJ\nc\n")))));
    assertThat(invalid.status()).as("%s", invalid.body()).isEqualTo(400);
    assertThat(invalid.body().get("field").asText()).isEqualTo("files.skill:fm-one.SKILL.md.content");
    assertThat(invalid.body().get("detail").asText()).contains("description");
    assertThat(Files.readString(skillIn(project, "fm-one"))).as("nothing written").contains("<<<<<<< project");

    // The result a client builds: right for the key, left for the body, the rest as merged.
    StringBuilder chosen = new StringBuilder();
    file.get("hunks").forEach(h -> chosen.append(switch (h.get("kind").asText()) {
      case "theirs" -> h.get("theirs").asText();
      case "conflict" -> h.get(h.get("key").isNull() ? "ours" : "theirs").asText();
      default -> h.get("ours").asText();
    }));
    assertThat(chosen.toString())
        .isEqualTo(fm.replace("Work with PDFs", "Theirs").replace("Read, Grep", "Read") + "a\nPROJ\nc\n");
    JsonNode resolved = resolve(Map.of(
        "job_id", jobId, "files", Map.of("skill:fm-one", Map.of("SKILL.md", Map.of("content", chosen.toString())))));
    assertThat(resolved.get("state").asText()).as("%s", resolved).isEqualTo("success");
    assertThat(Files.readString(skillIn(project, "fm-one"))).isEqualTo(chosen.toString());
  }

  // ---------------------------------------------------------------- fixtures

  /** Commits the skills upstream (content {@link #BASE}) and lists them in a new collection. */
  private static void upstreamSkills(String collection, List<String> names) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    for (String n : names) {
      files.put("skills/" + n + "/SKILL.md", BASE);
    }
    TIERS.upstream().commit("add " + names, files);
    TIERS.collection(collection)
        .list(names.stream().map(TIERS::upstreamSkill).toArray(ManifestEntry[]::new));
  }

  private static void editUpstream(Map<String, String> skills) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    skills.forEach((n, c) -> files.put("skills/" + n + "/SKILL.md", c));
    TIERS.upstream().commit("edit " + skills.keySet(), files);
  }

  private static Path project(String name) throws IOException {
    return TIERS.project(name).dir().toRealPath();
  }

  private static Path skillDir(String collection, String name) {
    return TIERS.collection(collection).path("skills/" + name);
  }

  private static Path skillIn(String collection, String name) {
    return skillDir(collection, name).resolve("SKILL.md");
  }

  private static Path skillDir(Path project, String name) {
    return project.resolve(".claude/skills").resolve(name);
  }

  private static Path skillIn(Path project, String name) {
    return skillDir(project, name).resolve("SKILL.md");
  }

  /** Every file under a folder, relative path → content (bytes compared as ISO-8859-1 text). */
  private static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }

  private static Object lockEntry(String collection, String id) throws IOException {
    return CollectionLock.load(TIERS.collection(collection).lockFile())
        .find(ArtifactId.parse(id)).orElseThrow();
  }

  private static Object manifestEntry(String collection, String id) throws IOException {
    return CollectionManifest.load(TIERS.collection(collection).manifestFile())
        .find(ArtifactId.parse(id)).orElseThrow();
  }

  private static Object deployedEntry(Path project, String id) throws IOException {
    return DeploymentTracking.load(new ProjectLayout(project).trackingFile())
        .find(ArtifactId.parse(id)).orElseThrow();
  }

  private static Map<String, String> outcomes(JsonNode job) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode a : job.get("artifacts")) {
      out.put(a.get("artifact_id").asText(), a.get("outcome").asText());
    }
    return out;
  }

  private static List<String> artifactIds(JsonNode job) {
    List<String> out = new ArrayList<>();
    job.get("artifacts").forEach(a -> out.add(a.get("artifact_id").asText()));
    return out;
  }

  // ---------------------------------------------------------------- HTTP

  record Response(int status, JsonNode body) {}

  private JsonNode sync(String direction, String collection, Path project, List<String> ids, String strategy)
      throws Exception {
    return runSync(direction, collection, project, ids, strategy, false);
  }

  private JsonNode syncDry(String direction, String collection, Path project, List<String> ids, String strategy)
      throws Exception {
    return runSync(direction, collection, project, ids, strategy, true);
  }

  private JsonNode runSync(
      String direction, String collection, Path project, List<String> ids, String strategy, boolean dryRun)
      throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("direction", direction);
    body.put("collection", collection);
    body.put("strategy", strategy);
    body.put("dry_run", dryRun);
    if (project != null) {
      body.put("project_path", project.toString());
    }
    if (ids != null) {
      body.put("artifact_ids", ids);
    }
    Response r = post("/api/v1/sync/jobs", body);
    assertThat(r.status()).as("sync answered %s", r.body()).isEqualTo(202);
    return awaitTerminal(r.body().get("job_id").asText());
  }

  private JsonNode resolve(Map<String, Object> body) throws Exception {
    Response r = post("/api/v1/sync/resolve", body);
    assertThat(r.status()).as("resolve answered %s", r.body()).isEqualTo(202);
    JsonNode job = awaitTerminal(r.body().get("job_id").asText());
    assertThat(job.get("kind").asText()).isEqualTo("resolve");
    return job;
  }

  private JsonNode awaitTerminal(String jobId) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = get("/api/v1/sync/jobs/" + jobId).body();
      if (last != null && last.has("state") && TERMINAL.contains(last.get("state").asText())) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + jobId + " did not end within " + WAIT + "; last: " + last);
  }

  private Response post(String path, Object body) throws Exception {
    return send(request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build());
  }

  private Response get(String path) throws Exception {
    return send(request(path).GET().build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TestDataHome.API_TOKEN)
        .timeout(Duration.ofMinutes(2));
  }

  private Response send(HttpRequest r) throws Exception {
    HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
    return new Response(resp.statusCode(), resp.body().isEmpty() ? null : JSON.readTree(resp.body()));
  }
}
