package dev.tiersync.app.collections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.app.artifacts.ApiClient;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.ArtifactPolicy;
import dev.tiersync.engine.tier.CollectionManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code PUT /api/v1/collections/{name}/artifacts/{id}/policy} and the policy and upstream check
 * time in the read answers, over real HTTP against the whole app, on artifacts added from a real
 * bare upstream.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyApiTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ArtifactId PDF = ArtifactId.parse("skill:pdf-tools");
  private static final String POLICY = "/api/v1/collections/held/artifacts/skill:pdf-tools/policy";

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
  }

  @LocalServerPort int port;
  private ApiClient api;

  @BeforeAll
  void collection() throws Exception {
    api = new ApiClient(port);
    TIERS.upstream().commit("v1", Map.of(
        "skills/pdf-tools/SKILL.md", "---\nname: pdf-tools\ndescription: PDFs\n---\nv1\n",
        "commands/review.md", "review\n"));
    for (String name : new String[] {"held", "synced"}) {
      api.succeeded(send("POST", "/api/v1/collections", "{\"name\": \"" + name + "\", \"dry_run\": false}"));
      api.succeeded(send("POST", "/api/v1/collections/" + name + "/artifacts",
          "{\"upstream\": \"" + TIERS.upstream().url() + "\", \"artifacts\": [{\"path\": \"skills/pdf-tools\"},"
              + " {\"path\": \"commands/review.md\"}], \"dry_run\": false}"));
    }
  }

  @Test
  void put_holdThenPartialChangesThenRelease_answersThePolicyEverywhere() throws Exception {
    ApiClient.Response held = send("PUT", POLICY,
        "{\"hold\": {\"reason\": \"security review\", \"until\": \"2099-01-01T00:00:00Z\"},"
            + " \"auto_update\": \"clean\"}");

    assertThat(held.status()).as("%s", held.json()).isEqualTo(200);
    assertThat(held.json())
        .isEqualTo(JSON.readTree("{\"held\": true, \"hold_reason\": \"security review\","
            + " \"hold_until\": \"2099-01-01T00:00:00Z\", \"hold_expired\": false, \"auto_update\": \"clean\"}"));
    assertThat(CollectionManifest.load(manifest()).policy(PDF).hold()).isTrue();
    JsonNode list = send("GET", "/api/v1/artifacts?collection=held", null).json();
    assertThat(item(list, "skill:pdf-tools").get("policy")).isEqualTo(held.json());
    assertThat(item(list, "skill:pdf-tools").get("upstream_checked_at").isTextual()).isTrue();
    assertThat(item(list, "command:review").at("/policy/held").asBoolean()).isFalse();
    JsonNode versions = send("GET", "/api/v1/artifacts/skill:pdf-tools/versions?collection=held", null).json();
    assertThat(versions.get("policy")).isEqualTo(held.json());
    assertThat(versions.at("/upstream/checked_at").isTextual()).as("%s", versions).isTrue();
    assertThat(versions.at("/collection/checked_at").isNull()).isTrue();

    ApiClient.Response autoOff = send("PUT", POLICY, "{\"auto_update\": \"off\"}");
    assertThat(autoOff.json().get("held").asBoolean()).isTrue();
    assertThat(autoOff.json().get("hold_reason").asText()).isEqualTo("security review");
    assertThat(autoOff.json().get("auto_update").asText()).isEqualTo("off");

    ApiClient.Response released = send("PUT", POLICY, "{\"hold\": null}");
    assertThat(released.json())
        .isEqualTo(JSON.readTree("{\"held\": false, \"hold_reason\": null, \"hold_until\": null,"
            + " \"hold_expired\": false, \"auto_update\": \"off\"}"));
    assertThat(Files.readString(manifest())).doesNotContain("\nhold").doesNotContain("\nauto_update");
    JsonNode audit = send("GET", "/api/v1/audit?artifact=skill:pdf-tools", null).json();
    assertThat(audit.toString()).contains("\"kind\":\"policy\"");
    assertThat(audit.toString()).contains("held until 2099-01-01T00:00:00Z: security review; auto_update clean");
  }

  @Test
  void put_heldArtifact_aPersonsSyncStillUpdatesIt() throws Exception {
    assertThat(send("PUT", "/api/v1/collections/synced/artifacts/command:review/policy",
        "{\"hold\": {\"reason\": \"frozen\"}}").status()).isEqualTo(200);
    TIERS.upstream().commit("review v2", Map.of("commands/review.md", "review v2\n"));

    JsonNode job = api.succeeded(send("POST", "/api/v1/sync/jobs",
        "{\"direction\": \"upstream_to_collection\", \"collection\": \"synced\","
            + " \"artifact_ids\": [\"command:review\"], \"dry_run\": false}"));

    assertThat(job.at("/artifacts/0/outcome").asText()).as("%s", job).isEqualTo("updated");
    assertThat(TIERS.collectionsRoot().resolve("synced/commands/review.md")).hasContent("review v2\n");
    ArtifactPolicy after =
        CollectionManifest.load(TIERS.collectionsRoot().resolve("synced/collection.toml")).policy(ArtifactId.parse("command:review"));
    assertThat(after.hold()).as("the sync keeps the hold").isTrue();
  }

  @Test
  void put_badValues_are400sNamingTheFieldAndWriteNothing() throws Exception {
    byte[] before = Files.readAllBytes(manifest());
    Map<String, String> cases = Map.of(
        "{\"hold\": {\"until\": \"tomorrow\"}}", "hold.until",
        "{\"hold\": {\"until\": \"2001-01-01T00:00:00Z\"}}", "hold.until",
        "{\"hold\": {\"reason\": \"" + "x".repeat(501) + "\"}}", "hold.reason",
        "{\"hold\": {\"reason\": \"two\\nlines\"}}", "hold.reason",
        "{\"auto_update\": \"sometimes\"}", "auto_update",
        "{\"hold\": \"yes\"}", "hold",
        "{\"hold\": {\"reasons\": \"typo\"}}", "hold.reasons",
        "{\"autoupdate\": \"clean\"}", "autoupdate");

    cases.forEach((body, field) -> {
      ApiClient.Response a = send("PUT", POLICY, body);
      assertThat(a.status()).as(body).isEqualTo(400);
      assertThat(a.field()).as(body).isEqualTo(field);
    });
    assertThat(send("PUT", "/api/v1/collections/held/artifacts/nocolon/policy", "{}").field())
        .isEqualTo("id");
    assertThat(Files.readAllBytes(manifest())).isEqualTo(before);
  }

  @Test
  void put_unknownCollectionOrArtifact_is404_anEntryBreakingARule_is409() throws Exception {
    assertThat(send("PUT", "/api/v1/collections/nope/artifacts/skill:pdf-tools/policy", "{}").status())
        .isEqualTo(404);
    assertThat(send("PUT", "/api/v1/collections/held/artifacts/skill:absent/policy", "{}").status())
        .isEqualTo(404);
    api.succeeded(send("POST", "/api/v1/collections", "{\"name\": \"broken\", \"dry_run\": false}"));
    Path broken = TIERS.collectionsRoot().resolve("broken/collection.toml");
    Files.writeString(broken, Files.readString(broken)
        + "\n[[artifacts]]\nname = \"bad\"\ntype = \"skill\"\npath = \"skills/bad\"\norigin = \"local\"\n"
        + "auto_update = \"sometimes\"\n");
    byte[] before = Files.readAllBytes(broken);

    ApiClient.Response conflict = send("PUT", "/api/v1/collections/broken/artifacts/skill:bad/policy", "{\"hold\": {}}");

    assertThat(conflict.status()).as("%s", conflict.json()).isEqualTo(409);
    assertThat(conflict.json().get("key").asText()).isEqualTo("artifacts[0].auto_update");
    assertThat(Files.readAllBytes(broken)).isEqualTo(before);
    JsonNode list = send("GET", "/api/v1/artifacts?collection=broken", null).json();
    assertThat(item(list, "skill:bad").get("error").asText())
        .contains("artifacts[0].auto_update: must be \"off\" or \"clean\", got 'sometimes'");
  }

  // ---------------------------------------------------------------- helpers

  private static JsonNode item(JsonNode list, String id) {
    for (JsonNode item : list.get("items")) {
      if (id.equals(item.get("artifact_id").asText())) {
        return item;
      }
    }
    throw new AssertionError(id + " is not listed: " + list);
  }

  private ApiClient.Response send(String method, String path, String body) {
    try {
      return api.send(method, path, body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private Path manifest() {
    return TIERS.collectionsRoot().resolve("held/collection.toml");
  }
}
