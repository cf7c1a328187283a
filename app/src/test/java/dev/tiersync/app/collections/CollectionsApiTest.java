package dev.tiersync.app.collections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.ManifestArtifact;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The collection routes over real HTTP against the whole app (embedded Temporal, SQLite), on a
 * real bare upstream with tags and branches. Each test works in a collection of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollectionsApiTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Set<String> TERMINAL = Set.of("success", "conflict", "error", "canceled");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ArtifactId PDF = ArtifactId.parse("skill:pdf-tools");

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
  }

  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private RevCommit v1;
  private RevCommit head;

  record Answer(int status, JsonNode json) {
    String field() {
      return json.path("field").asText(null);
    }
  }

  @BeforeAll
  void upstream() throws Exception {
    v1 = TIERS.upstream().commit("pdf v1", Map.of(
        "skills/pdf-tools/SKILL.md", "---\nname: pdf-tools\ndescription: PDFs\n---\nv1\n",
        "commands/review.md", "review\n"));
    TIERS.upstream().tag("v1", true);
    TIERS.upstream().commit("readme only", Map.of("README.md", "readme\n"));
    head = TIERS.upstream().commit("pdf v2", Map.of(
        "skills/pdf-tools/SKILL.md", "---\nname: pdf-tools\ndescription: PDFs\n---\nv2\n"));
  }

  @Test
  void create_dryRunWritesNothing_thenCreates_thenRefusesTheSameName() throws Exception {
    Answer dry = send("POST", "/api/v1/collections", "{\"name\": \"made\"}");
    assertThat(dry.status()).as("%s", dry.json()).isEqualTo(202);
    assertThat(dry.json().get("kind").asText()).isEqualTo("create_collection");
    JsonNode planned = waitFor(dry);
    assertThat(planned.get("state").asText()).isEqualTo("success");
    assertThat(planned.at("/plans/0/action").asText()).isEqualTo("create");
    assertThat(TIERS.collectionsRoot().resolve("made/collection.toml")).doesNotExist();

    JsonNode created = waitFor(send("POST", "/api/v1/collections", "{\"name\": \"made\", \"dry_run\": false}"));

    assertThat(created.get("state").asText()).as("%s", created).isEqualTo("success");
    assertThat(created.at("/artifacts/0/outcome").asText()).isEqualTo("created");
    assertThat(CollectionManifest.load(TIERS.collectionsRoot().resolve("made/collection.toml")).name()).isEqualTo("made");
    assertThat(send("GET", "/api/v1/workspace", null).json().get("collections").toString()).contains("\"made\"");
    Answer again = send("POST", "/api/v1/collections", "{\"name\": \"made\", \"dry_run\": false}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.field()).isEqualTo("name");
  }

  @Test
  void create_withABadNameOrUnknownField_isA400NamingIt() throws Exception {
    Answer bad = send("POST", "/api/v1/collections", "{\"name\": \"../up\"}");
    Answer blank = send("POST", "/api/v1/collections", "{}");
    Answer unknown = send("POST", "/api/v1/collections", "{\"name\": \"x\", \"dryrun\": false}");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.field()).isEqualTo("name");
    assertThat(blank.field()).isEqualTo("name");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.field()).isEqualTo("dryrun");
    assertThat(TIERS.collectionsRoot().resolve("x")).doesNotExist();
  }

  @Test
  void add_plansThenWritesEntriesAndFiles_thenTheArtifactsAreSynced() throws Exception {
    created("adds");
    String body = addBody("v1", "{\"path\": \"skills/pdf-tools\"}, {\"path\": \"commands/review.md\"}", true);

    JsonNode dry = waitFor(send("POST", "/api/v1/collections/adds/artifacts", body));

    assertThat(dry.get("state").asText()).as("%s", dry).isEqualTo("success");
    assertThat(dry.get("kind").asText()).isEqualTo("add");
    assertThat(dry.at("/plans/0/action").asText()).isEqualTo("create");
    assertThat(dry.at("/plans/1/artifact_id").asText()).isEqualTo("command:review");
    assertThat(CollectionManifest.load(manifest("adds")).artifacts()).isEmpty();

    JsonNode applied = waitFor(send("POST", "/api/v1/collections/adds/artifacts", addBody("v1", "{\"path\": \"skills/pdf-tools\"}, {\"path\": \"commands/review.md\"}", false)));

    assertThat(applied.get("state").asText()).as("%s", applied).isEqualTo("success");
    ManifestArtifact entry = CollectionManifest.load(manifest("adds")).find(PDF).orElseThrow();
    assertThat(entry.versionSpec()).isEqualTo("v1");
    assertThat(entry.resolvedSha()).isEqualTo(v1.getName());
    assertThat(entry.upstreamPath()).isEqualTo("skills/pdf-tools");
    assertThat(Files.readString(TIERS.collectionsRoot().resolve("adds/skills/pdf-tools/SKILL.md"))).endsWith("v1\n");
    JsonNode list = send("GET", "/api/v1/artifacts?collection=adds", null).json();
    assertThat(list.get("total").asInt()).isEqualTo(2);
    for (JsonNode item : list.get("items")) {
      assertThat(item.at("/status/upstream_to_collection").asText()).as("%s", item).isEqualTo("synced");
    }

    Answer twice = send("POST", "/api/v1/collections/adds/artifacts", addBody("main", "{\"path\": \"skills/pdf-tools\"}", false));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.field()).isEqualTo("artifacts[0].name");
  }

  @Test
  void add_withBadFields_isA400NamingEach_andAnUnknownCollectionA404() throws Exception {
    created("bad-adds");
    String url = TIERS.upstream().url();

    assertThat(send("POST", "/api/v1/collections/bad-adds/artifacts", "{\"upstream\": \"not a url\", \"path\": \"skills/pdf-tools\"}").field()).isEqualTo("upstream");
    assertThat(send("POST", "/api/v1/collections/bad-adds/artifacts", "{\"upstream\": \"" + url + "\", \"ref\": \"a b\", \"path\": \"skills/x\"}").field()).isEqualTo("ref");
    assertThat(send("POST", "/api/v1/collections/bad-adds/artifacts", "{\"upstream\": \"" + url + "\", \"path\": \"../x\"}").field()).isEqualTo("path");
    assertThat(send("POST", "/api/v1/collections/bad-adds/artifacts", "{\"upstream\": \"" + url + "\", \"path\": \"skills/x\", \"type\": \"plugin\"}").field()).isEqualTo("type");
    assertThat(send("POST", "/api/v1/collections/bad-adds/artifacts", "{\"upstream\": \"" + url + "\", \"artifacts\": [{\"path\": \"skills/a\"}, {\"path\": \"skills/a\"}]}").field()).isEqualTo("artifacts[1].name");
    assertThat(send("POST", "/api/v1/collections/bad-adds/artifacts", "{\"upstream\": \"" + url + "\"}").field()).isEqualTo("artifacts");
    assertThat(send("POST", "/api/v1/collections/nope/artifacts", "{\"upstream\": \"" + url + "\", \"path\": \"skills/pdf-tools\"}").status()).isEqualTo(404);
    assertThat(CollectionManifest.load(manifest("bad-adds")).artifacts()).isEmpty();
  }

  @Test
  void add_ofAPathUpstreamLacks_endsTheJobInErrorNamingIt() throws Exception {
    created("lacks");

    JsonNode job = waitFor(send("POST", "/api/v1/collections/lacks/artifacts", addBody("main", "{\"path\": \"skills/nope\"}", false)));

    assertThat(job.get("state").asText()).isEqualTo("error");
    assertThat(job.at("/artifacts/0/reason").asText()).contains("nothing at 'skills/nope'");
    assertThat(CollectionManifest.load(manifest("lacks")).artifacts()).isEmpty();
  }

  @Test
  void pin_toTheBranch_previewsThenUpdates() throws Exception {
    created("pins");
    waitFor(send("POST", "/api/v1/collections/pins/artifacts", addBody("v1", "{\"path\": \"skills/pdf-tools\"}", false)));

    JsonNode commits = send("GET", "/api/v1/artifacts/skill:pdf-tools/upstream/commits?collection=pins", null).json();
    assertThat(commits.get("version_spec").asText()).as("what a bump pins again").isEqualTo("v1");
    JsonNode dry = waitFor(send("PATCH", "/api/v1/collections/pins/artifacts/skill:pdf-tools", "{\"version_spec\": \"main\"}"));
    assertThat(dry.get("kind").asText()).isEqualTo("pin");
    assertThat(dry.at("/plans/0/action").asText()).isEqualTo("update");
    assertThat(dry.at("/plans/0/files_modified/0").asText()).isEqualTo("SKILL.md");

    JsonNode applied = waitFor(send("PATCH", "/api/v1/collections/pins/artifacts/skill:pdf-tools", "{\"version_spec\": \"main\", \"dry_run\": false}"));

    assertThat(applied.get("state").asText()).as("%s", applied).isEqualTo("success");
    ManifestArtifact entry = CollectionManifest.load(manifest("pins")).find(PDF).orElseThrow();
    assertThat(entry.versionSpec()).isEqualTo("main");
    assertThat(entry.resolvedSha()).isEqualTo(head.getName());
    assertThat(Files.readString(TIERS.collectionsRoot().resolve("pins/skills/pdf-tools/SKILL.md"))).endsWith("v2\n");
    assertThat(send("PATCH", "/api/v1/collections/pins/artifacts/skill:nope", "{\"version_spec\": \"main\"}").status()).isEqualTo(404);
    assertThat(send("PATCH", "/api/v1/collections/pins/artifacts/skill:pdf-tools", "{}").field()).isEqualTo("version_spec");
  }

  @Test
  void remove_takesTheArtifactOut() throws Exception {
    created("removes");
    waitFor(send("POST", "/api/v1/collections/removes/artifacts", addBody("v1", "{\"path\": \"skills/pdf-tools\"}, {\"path\": \"commands/review.md\"}", false)));

    JsonNode dry = waitFor(send("DELETE", "/api/v1/collections/removes/artifacts/command:review", null));
    assertThat(dry.at("/plans/0/action").asText()).isEqualTo("remove");
    assertThat(TIERS.collectionsRoot().resolve("removes/commands/review.md")).exists();

    JsonNode applied = waitFor(send("DELETE", "/api/v1/collections/removes/artifacts/command:review?dry_run=false", null));

    assertThat(applied.get("state").asText()).as("%s", applied).isEqualTo("success");
    assertThat(applied.at("/artifacts/0/outcome").asText()).isEqualTo("removed");
    assertThat(TIERS.collectionsRoot().resolve("removes/commands/review.md")).doesNotExist();
    assertThat(CollectionManifest.load(manifest("removes")).find(ArtifactId.parse("command:review"))).isEmpty();
    assertThat(CollectionLock.load(TIERS.collectionsRoot().resolve("removes/collection.lock")).find(PDF)).isPresent();
    assertThat(send("DELETE", "/api/v1/collections/removes/artifacts/command:review", null).status()).isEqualTo(404);
    JsonNode audit = send("GET", "/api/v1/audit?artifact=command:review", null).json();
    assertThat(audit.toString()).as("the remove is in the audit log").contains(applied.get("job_id").asText());
  }

  @Test
  void undeploy_refusesLocalEditsUnlessForced_andAdoptTakesAProjectOnlyArtifact() throws Exception {
    created("deploys");
    waitFor(send("POST", "/api/v1/collections/deploys/artifacts", addBody("v1", "{\"path\": \"skills/pdf-tools\"}", false)));
    Path project = TIERS.project("deploys-app").dir();
    String scope = "\"collection\": \"deploys\", \"project_path\": \"" + project + "\"";
    JsonNode deployed = waitFor(send("POST", "/api/v1/sync/jobs", "{\"direction\": \"collection_to_project\", " + scope + ", \"dry_run\": false}"));
    assertThat(deployed.get("state").asText()).as("%s", deployed).isEqualTo("success");
    Path skillMd = project.resolve(".claude/skills/pdf-tools/SKILL.md");
    Files.writeString(skillMd, Files.readString(skillMd) + "my edit\n");

    JsonNode refused = waitFor(send("POST", "/api/v1/sync/undeploy", "{\"artifact_ids\": [\"skill:pdf-tools\"], " + scope + ", \"dry_run\": false}"));
    assertThat(refused.at("/artifacts/0/outcome").asText()).isEqualTo("skipped");
    assertThat(refused.at("/artifacts/0/reason").asText()).contains("local edits").contains("force");
    assertThat(skillMd).exists();

    JsonNode forced = waitFor(send("POST", "/api/v1/sync/undeploy", "{\"artifact_ids\": [\"skill:pdf-tools\"], " + scope + ", \"force\": true, \"dry_run\": false}"));
    assertThat(forced.get("kind").asText()).isEqualTo("undeploy");
    assertThat(forced.at("/artifacts/0/outcome").asText()).as("%s", forced).isEqualTo("removed");
    assertThat(project.resolve(".claude/skills/pdf-tools")).doesNotExist();
    assertThat(DeploymentTracking.load(project.resolve(".claude/.skillmeat-deployed.toml")).find(PDF)).isEmpty();

    Files.createDirectories(project.resolve(".claude/commands"));
    Files.writeString(project.resolve(".claude/commands/hand-made.md"), "mine\n");
    JsonNode adopted = waitFor(send("POST", "/api/v1/collections/deploys/adopt", "{\"artifact_ids\": [\"command:hand-made\"], \"project_path\": \"" + project + "\", \"dry_run\": false}"));
    assertThat(adopted.get("state").asText()).as("%s", adopted).isEqualTo("success");
    assertThat(adopted.at("/artifacts/0/outcome").asText()).isEqualTo("created");
    assertThat(Files.readString(TIERS.collectionsRoot().resolve("deploys/commands/hand-made.md"))).isEqualTo("mine\n");
    assertThat(CollectionManifest.load(manifest("deploys")).find(ArtifactId.parse("command:hand-made"))).isPresent();
    assertThat(DeploymentTracking.load(project.resolve(".claude/.skillmeat-deployed.toml")).find(ArtifactId.parse("command:hand-made"))).isPresent();
    JsonNode status = send("GET", "/api/v1/artifacts?collection=deploys&project_path=" + URLEncoder.encode(project.toString(), StandardCharsets.UTF_8), null).json();
    assertThat(status.toString()).contains("command:hand-made");
    assertThat(send("POST", "/api/v1/collections/deploys/adopt", "{\"artifact_ids\": [\"command:hand-made\"], \"project_path\": \"" + project + "\"}").status()).isEqualTo(409);
  }

  // ---------------------------------------------------------------- helpers

  private String addBody(String ref, String items, boolean dryRun) {
    return "{\"upstream\": \"" + TIERS.upstream().url() + "\", \"ref\": \"" + ref + "\", \"artifacts\": [" + items + "], \"dry_run\": " + dryRun + "}";
  }

  private Path manifest(String collection) {
    return TIERS.collectionsRoot().resolve(collection).resolve("collection.toml");
  }

  private void created(String name) throws Exception {
    JsonNode job = waitFor(send("POST", "/api/v1/collections", "{\"name\": \"" + name + "\", \"dry_run\": false}"));
    assertThat(job.get("state").asText()).as("%s", job).isEqualTo("success");
  }

  private Answer send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + TestDataHome.API_TOKEN)
            .timeout(Duration.ofMinutes(2));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
  }

  private JsonNode waitFor(Answer created) throws Exception {
    assertThat(created.status()).as("%s", created.json()).isEqualTo(202);
    String id = created.json().get("job_id").asText();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode job = send("GET", "/api/v1/sync/jobs/" + id, null).json();
      if (TERMINAL.contains(job.get("state").asText())) {
        return job;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + id + " did not end within " + WAIT);
  }
}
