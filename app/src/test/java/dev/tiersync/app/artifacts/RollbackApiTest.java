package dev.tiersync.app.artifacts;

import static dev.tiersync.app.artifacts.ApiClient.assertProblem;
import static dev.tiersync.app.artifacts.ApiClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.DeploymentSidecar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code POST /api/v1/artifacts/{id}/rollback} over real HTTP against the whole app with the
 * embedded Temporal server, on real tier folders, a real bare upstream and real jobs: a sync chain
 * (add, upstream change, update), an edit of the project by hand, rollbacks of the project and of
 * the collection (dry run, apply, audit, timeline, {@code rolled_back}, hold), and the syncs after
 * them, which merge rather than fast-forward over the rollback. Also rollbacks and syncs of
 * several artifacts of one collection at once, and each refused request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollbackApiTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final String COLLECTION = "rollback";
  private static final String NAME = "rb-one";
  private static final String ID = "skill:" + NAME;
  private static final String V1 = "# One\n\nline one\nline two\nline three\nline four\nline five\n";
  private static final String V2 = V1.replace("line two", "line TWO (v2)");
  private static final String V3 = V2.replace("line five", "line FIVE (v3)");
  private static final String EDITED = V2.replace("line four", "line four, edited by hand");

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
  }

  @LocalServerPort int port;
  private ApiClient api;
  private Path project;

  @BeforeAll
  void setUp() throws Exception {
    api = new ApiClient(port);
    TIERS.collection(COLLECTION);
    project = TIERS.project(COLLECTION).dir().toRealPath();
  }

  @Test
  void syncChain_outsideEdit_rollbacks_thenSyncsMergeIntoThemAndSaySo() throws Exception {
    TIERS.upstream().commit("v1", skill(NAME, V1, "a\n", null));
    TIERS.collection(COLLECTION).list(TIERS.upstreamSkill(NAME));
    sync(COLLECTION, ID, "upstream_to_collection", false);
    sync(COLLECTION, ID, "collection_to_project", true);
    Path collectionSkill = TIERS.collection(COLLECTION).path("skills/" + NAME);
    Path projectSkill = project.resolve(".claude/skills/" + NAME);
    String v1 = Tiers.hash(collectionSkill);
    RevCommit second = TIERS.upstream().commit("v2", skill(NAME, V2, null, "b\n"));
    sync(COLLECTION, ID, "upstream_to_collection", false);
    sync(COLLECTION, ID, "collection_to_project", true);
    String v2 = Tiers.hash(collectionSkill);
    Files.writeString(projectSkill.resolve("SKILL.md"), EDITED);
    String edited = Tiers.hash(projectSkill);

    // The project, edited by hand, back to v1: its deployed base stays v2.
    JsonNode projectJob = api.succeeded(rollback(ID, "project", v1, false, null));
    assertThat(projectJob.at("/artifacts/0/outcome").asText()).isEqualTo("updated");
    assertThat(Tiers.hash(projectSkill)).isEqualTo(v1);
    JsonNode versions = versions();
    assertThat(versions.at("/project/base_hash").asText()).isEqualTo(v2);
    assertThat(versions.at("/project/rolled_back/from_hash").asText()).isEqualTo(edited);
    assertThat(versions.at("/project/rolled_back/to_hash").asText()).isEqualTo(v1);
    assertThat(versions.at("/project/rolled_back/job_id").asText())
        .isEqualTo(projectJob.get("job_id").asText());
    assertThat(versions.at("/collection/rolled_back").isNull()).isTrue();
    assertThat(DeploymentSidecar.load(project.resolve(".claude/.tiersync-deployed.toml"))
            .find(ArtifactId.parse(ID)).orElseThrow().baseHash())
        .isEqualTo(v2);
    JsonNode redeploy = sync(COLLECTION, ID, "collection_to_project", true);
    assertThat(redeploy.at("/artifacts/0/outcome").asText())
        .as("no fast-forward over the rollback: the collection did not change since the base")
        .isEqualTo("unchanged");
    assertThat(Tiers.hash(projectSkill)).isEqualTo(v1);

    // The collection back to v1: a dry run first, which writes nothing.
    String before = TIERS.fingerprint() + Tiers.hash(TIERS.collection(COLLECTION).root());
    JsonNode dry = api.succeeded(rollback(ID, "collection", v1, true, null));
    assertThat(dry.get("kind").asText()).isEqualTo("rollback");
    assertThat(dry.at("/artifacts/0/before_hash").asText()).isEqualTo(v2);
    assertThat(dry.at("/artifacts/0/after_hash").asText()).isEqualTo(v1);
    assertThat(dry.at("/plans/0/action").asText()).isEqualTo("update");
    assertThat(dry.at("/plans/0/files_added/0").asText()).isEqualTo("ref/a.md");
    assertThat(dry.at("/plans/0/files_removed/0").asText()).isEqualTo("ref/b.md");
    assertThat(TIERS.fingerprint() + Tiers.hash(TIERS.collection(COLLECTION).root())).isEqualTo(before);
    assertThat(versions().at("/policy/held").asBoolean()).isFalse();

    JsonNode job = api.succeeded(rollback(ID, "collection", v1, false, null));
    String jobId = job.get("job_id").asText();
    assertThat(Tiers.hash(collectionSkill)).isEqualTo(v1);
    assertThat(Files.readString(collectionSkill.resolve("SKILL.md"))).isEqualTo(V1);
    assertThat(Files.readString(collectionSkill.resolve("ref/a.md"))).isEqualTo("a\n");
    assertThat(collectionSkill.resolve("ref/b.md")).doesNotExist();
    assertThat(manifestEntrySha(COLLECTION, ID)).as("the upstream base stays").isEqualTo(second.name());
    JsonNode change = api.awaitAudited(ID, jobId).at("/changes/0");
    assertThat(change.get("tier").asText()).isEqualTo("collection");
    assertThat(change.get("before_hash").asText()).isEqualTo(v2);
    assertThat(change.get("after_hash").asText()).isEqualTo(v1);
    JsonNode timeline = api.json(
        "/api/v1/artifacts/" + enc(ID) + "/history?collection=" + COLLECTION, 200).get("collection");
    JsonNode last = timeline.get(timeline.size() - 1);
    assertThat(last.get("hash").asText()).isEqualTo(v1);
    assertThat(last.get("job_id").asText()).isEqualTo(jobId);
    assertThat(last.get("note").asText())
        .isEqualTo("rolled back from " + v2.substring(0, 7) + " to " + v1.substring(0, 7));
    versions = versions();
    assertThat(versions.at("/collection/rolled_back/from_hash").asText()).isEqualTo(v2);
    assertThat(versions.at("/collection/rolled_back/job_id").asText()).isEqualTo(jobId);
    assertThat(versions.at("/policy/held").asBoolean()).isTrue();
    assertThat(versions.at("/policy/hold_reason").asText())
        .isEqualTo("rolled back from " + v2.substring(0, 7) + " to " + v1.substring(0, 7)
            + " by job " + jobId);
    JsonNode item = listItem(COLLECTION, ID);
    assertThat(item.at("/collection_rolled_back/to_hash").asText()).isEqualTo(v1);
    assertThat(item.at("/project_rolled_back/to_hash").asText()).isEqualTo(v1);

    // Upstream changes another line: the update merges into the rollback and says so first.
    TIERS.upstream().commit("v3", skill(NAME, V3, null, "b\n"));
    JsonNode plan = sync(COLLECTION, ID, "upstream_to_collection", false, true);
    assertThat(plan.at("/plans/0/action").asText()).isEqualTo("merge");
    assertThat(plan.at("/plans/0/reason").asText())
        .startsWith("collection was rolled back from " + v2.substring(0, 7) + " on ")
        .contains("(job " + jobId + ")")
        .endsWith("this update merges upstream's changes into it");
    JsonNode update = sync(COLLECTION, ID, "upstream_to_collection", false);
    assertThat(update.at("/artifacts/0/outcome").asText()).isEqualTo("merged");
    assertThat(Files.readString(collectionSkill.resolve("SKILL.md")))
        .isEqualTo(V1.replace("line five", "line FIVE (v3)"));
    assertThat(collectionSkill.resolve("ref/b.md")).doesNotExist();
    assertThat(versions().at("/collection/rolled_back").isNull())
        .as("the collection moved on from the rolled-back version")
        .isTrue();

    // The project, still rolled back, is told so by the next deploy's plan.
    JsonNode deploy = sync(COLLECTION, ID, "collection_to_project", true, true);
    assertThat(deploy.at("/plans/0/reason").asText())
        .startsWith("project was rolled back from " + edited.substring(0, 7))
        .endsWith("merges collection's changes into it");
  }

  @Test
  void rollbacksAndSyncsOfSeveralArtifactsAtOnce_leaveEveryRecordRight() throws Exception {
    String collection = "rb-many";
    int n = 6;
    List<String> ids = new ArrayList<>();
    Map<String, String> v1 = new HashMap<>();
    for (int i = 0; i < n; i++) {
      ids.add("skill:many-" + i);
    }
    TIERS.collection(collection);
    for (String id : ids) {
      String name = ArtifactId.parse(id).name();
      TIERS.upstream().commit("v1 " + name, skill(name, V1, null, null));
      TIERS.collection(collection).list(TIERS.upstreamSkill(name));
    }
    syncAll(collection, ids);
    for (String id : ids) {
      v1.put(id, Tiers.hash(TIERS.collection(collection).artifact(ArtifactId.parse(id))));
      TIERS.upstream().commit("v2", skill(ArtifactId.parse(id).name(), V2, null, null));
    }
    syncAll(collection, ids);
    String v2Commit = TIERS.upstream().head().name();
    for (String id : ids.subList(n / 2, n)) {
      TIERS.upstream().commit("v3", skill(ArtifactId.parse(id).name(), V3, null, null));
    }
    String v3Commit = TIERS.upstream().head().name();

    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<Future<JsonNode>> jobs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = ids.get(i);
      Callable<JsonNode> job =
          i < n / 2
              ? () -> api.succeeded(
                  api.post("/api/v1/artifacts/" + enc(id) + "/rollback",
                      Map.of("tier", "collection", "to_hash", v1.get(id), "collection", collection,
                          "dry_run", false)))
              : () -> api.succeeded(api.post("/api/v1/sync/jobs", syncBody(collection, List.of(id), "upstream_to_collection", false, false)));
      jobs.add(pool.submit(job));
    }
    for (Future<JsonNode> f : jobs) {
      assertThat(f.get().at("/artifacts/0/outcome").asText()).isIn("updated", "merged");
    }
    pool.shutdown();

    Path root = TIERS.collection(collection).root();
    CollectionManifest manifest = CollectionManifest.load(root.resolve("collection.toml"));
    CollectionLock lock = CollectionLock.load(root.resolve("collection.lock"));
    var sidecar = CollectionSidecar.load(root.resolve(".tiersync/collection.toml"));
    for (int i = 0; i < n; i++) {
      ArtifactId id = ArtifactId.parse(ids.get(i));
      String hash = Tiers.hash(TIERS.collection(collection).artifact(id));
      boolean rolledBack = i < n / 2;
      if (rolledBack) {
        assertThat(hash).as("%s", id).isEqualTo(v1.get(id.toString()));
      }
      assertThat(manifest.find(id).orElseThrow().resolvedSha())
          .as("%s: the upstream base", id)
          .isEqualTo(rolledBack ? v2Commit : v3Commit);
      CollectionSidecar record = sidecar.find(id).orElseThrow();
      assertThat(record.contentHash()).as("%s", id).isEqualTo(hash);
      assertThat(lock.find(id).orElseThrow().contentHash()).as("%s", id).isEqualTo(record.skillMeatHash());
      JsonNode versions =
          api.json(ApiClient.versions(id.toString()) + "?collection=" + collection, 200);
      assertThat(versions.at("/policy/held").asBoolean()).as("%s", id).isEqualTo(rolledBack);
      assertThat(versions.at("/collection/rolled_back").isNull()).as("%s", id).isEqualTo(!rolledBack);
      if (!rolledBack) {
        assertThat(Files.readString(TIERS.collection(collection).artifact(id).resolve("SKILL.md")))
            .isEqualTo(V3);
      }
    }
  }

  @Test
  void refusedRequests_nameTheField_andWriteNothing() throws Exception {
    String name = "rb-refused";
    String id = "skill:" + name;
    TIERS.upstream().commit("add " + name, skill(name, V1, null, null));
    TIERS.collection(COLLECTION).list(TIERS.upstreamSkill(name));
    sync(COLLECTION, id, "upstream_to_collection", false);
    String v1 = Tiers.hash(TIERS.collection(COLLECTION).path("skills/" + name));
    String before = Tiers.hash(TIERS.collection(COLLECTION).root()) + TIERS.fingerprint();

    assertProblem(post(id, Map.of("tier", "collection", "to_hash", v1, "bogus", 1)), 400, "bogus");
    assertProblem(post(id, Map.of("to_hash", v1)), 400, "tier");
    ApiClient.Response upstream = post(id, Map.of("tier", "upstream", "to_hash", v1, "collection", COLLECTION));
    assertProblem(upstream, 400, "tier");
    assertThat(upstream.json().get("detail").asText()).contains("never writes the upstream").contains("pin");
    assertProblem(post(id, Map.of("tier", "collection", "to_hash", "abc123", "collection", COLLECTION)), 400, "to_hash");
    assertProblem(post(id, Map.of("tier", "collection", "to_hash", "f".repeat(64), "collection", COLLECTION)), 404, "to_hash");
    assertProblem(post(id, Map.of("tier", "project", "to_hash", v1, "collection", COLLECTION)), 400, "project_path");
    ApiClient.Response hosted =
        post(id, Map.of("tier", "project", "to_hash", v1, "collection", COLLECTION, "project_path", "laptop:/home/ada/app"));
    assertProblem(hosted, 400, "project_path");
    assertThat(hosted.json().get("detail").asText()).contains("not built");
    assertProblem(post(id, Map.of("tier", "project", "to_hash", v1, "collection", COLLECTION,
        "project_path", project.toString())), 404, "id");
    assertProblem(post("skill:nope", Map.of("tier", "collection", "to_hash", v1, "collection", COLLECTION)), 404, "id");
    assertProblem(post(id, Map.of("tier", "project", "to_hash", v1, "collection", COLLECTION,
        "project_path", project.toString(), "hold", true)), 400, "hold");
    JsonNode unchanged = api.succeeded(post(id, Map.of("tier", "collection", "to_hash", v1, "collection", COLLECTION, "dry_run", false)));
    assertThat(unchanged.at("/plans/0/action").asText()).isEqualTo("none");
    assertThat(unchanged.at("/artifacts/0/outcome").asText()).isEqualTo("unchanged");
    assertThat(Tiers.hash(TIERS.collection(COLLECTION).root()) + TIERS.fingerprint()).isEqualTo(before);
    assertThat(api.json(ApiClient.versions(id) + "?collection=" + COLLECTION, 200).at("/policy/held").asBoolean())
        .isFalse();

    Path broken = TIERS.collection("rb-broken").list().manifestFile();
    Files.writeString(broken, Files.readString(broken)
        + "\n[[artifacts]]\nname = \"bad\"\ntype = \"skill\"\npath = \"skills/bad\"\norigin = \"local\"\n"
        + "auto_update = \"sometimes\"\n");
    TIERS.collection("rb-broken").write("skills/bad/SKILL.md", "bad\n");
    byte[] bytes = Files.readAllBytes(broken);
    ApiClient.Response conflict = post("skill:bad", Map.of("tier", "collection", "to_hash", "f".repeat(64), "collection", "rb-broken"));
    assertThat(conflict.status()).as("%s", conflict.text()).isEqualTo(409);
    assertThat(conflict.json().get("key").asText()).isEqualTo("artifacts[0].auto_update");
    assertThat(Files.readAllBytes(broken)).isEqualTo(bytes);
  }

  // ---------------------------------------------------------------- helpers

  private static Map<String, String> skill(String name, String skillMd, String a, String b) {
    Map<String, String> f = new HashMap<>();
    f.put("skills/" + name + "/SKILL.md", skillMd);
    f.put("skills/" + name + "/ref/a.md", a);
    f.put("skills/" + name + "/ref/b.md", b);
    return f;
  }

  private ApiClient.Response post(String id, Map<String, Object> body) throws Exception {
    return api.post("/api/v1/artifacts/" + enc(id) + "/rollback", body);
  }

  private ApiClient.Response rollback(String id, String tier, String toHash, boolean dryRun, Boolean hold)
      throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("tier", tier);
    body.put("to_hash", toHash);
    body.put("collection", COLLECTION);
    body.put("dry_run", dryRun);
    if (tier.equals("project")) {
      body.put("project_path", project.toString());
    }
    if (hold != null) {
      body.put("hold", hold);
    }
    return post(id, body);
  }

  private JsonNode versions() throws Exception {
    return api.json(
        ApiClient.versions(ID) + "?collection=" + COLLECTION
            + "&project_path=" + enc(project.toString()),
        200);
  }

  private JsonNode listItem(String collection, String id) throws Exception {
    JsonNode list =
        api.json("/api/v1/artifacts?collection=" + collection + "&project_path=" + enc(project.toString()), 200);
    return ApiClient.find(list.get("items"), "artifact_id", id);
  }

  private static String manifestEntrySha(String collection, String id) throws Exception {
    return CollectionManifest.load(TIERS.collection(collection).manifestFile())
        .find(ArtifactId.parse(id)).orElseThrow().resolvedSha();
  }

  private Map<String, Object> syncBody(
      String collection, List<String> ids, String direction, boolean withProject, boolean dryRun) {
    Map<String, Object> body = new HashMap<>();
    body.put("direction", direction);
    body.put("collection", collection);
    body.put("artifact_ids", ids);
    body.put("dry_run", dryRun);
    if (withProject) {
      body.put("project_path", project.toString());
    }
    return body;
  }

  private JsonNode sync(String collection, String id, String direction, boolean withProject)
      throws Exception {
    return sync(collection, id, direction, withProject, false);
  }

  private JsonNode sync(
      String collection, String id, String direction, boolean withProject, boolean dryRun)
      throws Exception {
    return api.succeeded(
        api.post("/api/v1/sync/jobs", syncBody(collection, List.of(id), direction, withProject, dryRun)));
  }

  private void syncAll(String collection, List<String> ids) throws Exception {
    JsonNode job =
        api.succeeded(api.post("/api/v1/sync/jobs", syncBody(collection, ids, "upstream_to_collection", false, false)));
    assertThat(job.get("artifacts")).hasSize(ids.size());
  }
}
