package dev.tiersync.app.artifacts;

import static dev.tiersync.app.artifacts.ApiClient.diff;
import static dev.tiersync.app.artifacts.ApiClient.enc;
import static dev.tiersync.app.artifacts.ApiClient.find;
import static dev.tiersync.app.artifacts.ApiClient.textsOf;
import static dev.tiersync.app.artifacts.ApiClient.versions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.ProjectFolder;
import dev.tiersync.engine.testing.Tiers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One bad entry never takes a tier down, over real HTTP against the whole app on real folders: a
 * {@code collection.toml} with valid artifacts and entries that break rules (a name or path that
 * leaves the collection, a non-string name, a second entry, a wrong type, an upstream path with
 * {@code ..}), and a project whose tracking file has hostile entries. The read API lists the valid
 * artifacts as usual and the bad ones as {@code error} with the reason; sync-all jobs sync the
 * valid ones in every direction and end {@code error} naming the others; the tier files keep
 * every bad entry as written. A tracking file that is not TOML is a 409 naming file and line.
 *
 * <p>The tests run in order: the read API first, then the jobs, which change the tiers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadEntriesApiTest {
  private static final Tiers TIERS = TestDataHome.newTiers();

  private static final String NAME_ESCAPES =
      "[[artifacts]]\nname = \"../../etc\"\ntype = \"skill\"\norigin = \"local\"\n";
  private static final String PATH_ESCAPES =
      "[[artifacts]]\nname = \"escapes\"\ntype = \"skill\"\npath = \"../outside\"\norigin = \"local\"\n";
  private static final String NAME_NOT_A_STRING =
      "[[artifacts]]\nname = 42\ntype = \"skill\"\norigin = \"local\"\n";
  private static final String TWICE =
      "[[artifacts]]\nname = \"twice\"\ntype = \"skill\"\norigin = \"local\"\n";
  private static final String TAGS_NOT_A_LIST =
      "[[artifacts]]\nname = \"typed\"\ntype = \"command\"\norigin = \"local\"\ntags = \"x\"\n";
  private static final String HOSTILE_NAME =
      "[[deployed]]\nartifact_name = \"../../../home\"\nartifact_type = \"skill\"\n"
          + "from_collection = \"default\"\ndeployed_at = \"2026-11-23T23:14:24\"\ncontent_hash = \"h\"\n";
  private static final String HOSTILE_PATH =
      "[[deployed]]\nartifact_name = \"sneaky\"\nartifact_type = \"skill\"\n"
          + "from_collection = \"default\"\ndeployed_at = \"2026-11-23T23:14:24\"\n"
          + "artifact_path = \"../../outside\"\ncontent_hash = \"h\"\n";

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
  }

  @LocalServerPort int port;

  private ApiClient api;
  private String project;
  private String broken;
  private Path manifest;
  private Path tracking;

  @BeforeAll
  void buildTiers() throws Exception {
    api = new ApiClient(port);
    project = TIERS.project().dir().toRealPath().toString();
    TIERS.upstream().commit("add", Map.of("skills/remote/SKILL.md", "# Remote\n"));
    manifest = TIERS.collection().manifestFile();
    Files.writeString(
        manifest,
        String.join(
            "\n",
            "[collection]\nname = \"default\"\nversion = \"1.0.0\"\n",
            "[[artifacts]]\nname = \"alpha\"\ntype = \"skill\"\norigin = \"local\"\n",
            NAME_ESCAPES,
            PATH_ESCAPES,
            NAME_NOT_A_STRING,
            TWICE,
            TWICE,
            TAGS_NOT_A_LIST,
            "[[artifacts]]\nname = \"remote\"\ntype = \"skill\"\norigin = \"git\"\nupstream = \""
                + TIERS.upstream().url()
                + "\"\nupstream_path = \"skills/remote\"\nversion_spec = \"main\"\n",
            "[[artifacts]]\nname = \"up-escape\"\ntype = \"skill\"\norigin = \"git\"\nupstream = \""
                + TIERS.upstream().url()
                + "\"\nupstream_path = \"skills/../../..\"\nversion_spec = \"main\"\n",
            "[[artifacts]]\nname = \"gamma\"\ntype = \"command\"\norigin = \"local\"\n"),
        StandardCharsets.UTF_8);
    TIERS.collection().write("skills/alpha/SKILL.md", "# Alpha\n");
    TIERS.collection().write("skills/escapes/SKILL.md", "# Escapes\n");
    TIERS.collection().write("skills/twice/SKILL.md", "# Twice\n");
    TIERS.collection().write("commands/typed.md", "Typed.\n");
    TIERS.collection().write("commands/gamma.md", "Gamma.\n");
    tracking = TIERS.project().trackingFile();
    Files.writeString(tracking, HOSTILE_NAME + "\n" + HOSTILE_PATH, StandardCharsets.UTF_8);
    TIERS.project().write("skills/sneaky/SKILL.md", "# Sneaky\n");
    ProjectFolder brokenProject = TIERS.project("broken");
    brokenProject.write("commands/gamma.md", "Gamma.\n");
    Files.writeString(
        brokenProject.trackingFile(),
        "[[deployed]]\nartifact_name = \"gamma\"\n[[deployed\nartifact_type = \"command\"\n");
    broken = brokenProject.dir().toRealPath().toString();
  }

  @Test
  @Order(1)
  void list_answers200_withTheValidArtifactsAsUsualAndTheBadOnesInError() throws Exception {
    JsonNode list = api.json("/api/v1/artifacts?project_path=" + enc(project), 200);
    JsonNode items = list.get("items");

    assertThat(textsOf(items, "artifact_id"))
        .contains(
            "skill:alpha", "skill:remote", "command:gamma", "skill:escapes", "skill:twice",
            "command:typed", "skill:sneaky", "skill:up-escape");
    JsonNode alpha = find(items, "artifact_id", "skill:alpha");
    assertThat(alpha.at("/status/collection_to_project").asText()).isEqualTo("missing");
    assertThat(alpha.at("/status/overall").asText()).isEqualTo("missing");
    assertThat(alpha.get("collection_hash").asText()).hasSize(64);
    assertThat(alpha.get("error").isNull()).isTrue();
    assertThat(find(items, "artifact_id", "skill:remote").at("/status/upstream_to_collection").asText())
        .isEqualTo("missing");

    JsonNode escapes = find(items, "artifact_id", "skill:escapes");
    assertThat(escapes.at("/status/overall").asText()).isEqualTo("error");
    assertThat(escapes.at("/status/upstream_to_collection").asText()).isEqualTo("error");
    assertThat(escapes.at("/status/upstream_to_collection_reason").asText())
        .contains("artifacts[2].path")
        .contains("must not leave its root");
    assertThat(escapes.get("error").asText())
        .isEqualTo(
            "collection.toml:15: artifacts[2].path: must not leave its root ('..'), got"
                + " '../outside'");
    assertThat(escapes.get("collection_hash").asText()).hasSize(64);
    assertThat(find(items, "artifact_id", "skill:twice").get("error").asText())
        .contains("artifacts[5]")
        .contains("second entry for skill:twice");
    assertThat(find(items, "artifact_id", "command:typed").get("error").asText())
        .contains("artifacts[6].tags")
        .contains("list of strings");
    JsonNode sneaky = find(items, "artifact_id", "skill:sneaky");
    assertThat(sneaky.at("/status/collection_to_project").asText()).isEqualTo("error");
    assertThat(sneaky.get("error").asText())
        .startsWith(".skillmeat-deployed.toml:8: deployed[1].artifact_path: must not leave its root");
    assertThat(find(items, "artifact_id", "skill:up-escape").get("upstream_error").asText())
        .contains("upstream_path");

    JsonNode errors = list.get("errors");
    assertThat(textsOf(errors, "key"))
        .containsExactly(
            "artifacts[1].name",
            "artifacts[2].path",
            "artifacts[3].name",
            "artifacts[5]",
            "artifacts[6].tags",
            "deployed[0].artifact_name",
            "deployed[1].artifact_path");
    JsonNode nameEscapes = errors.get(0);
    assertThat(nameEscapes.get("file").asText()).isEqualTo(manifest.toString());
    assertThat(nameEscapes.get("line").asInt()).isEqualTo(10);
    assertThat(nameEscapes.get("artifact_id").isNull()).isTrue();
    assertThat(nameEscapes.get("reason").asText()).contains("must not contain '/'");
    assertThat(errors.get(3).get("artifact_id").asText()).isEqualTo("skill:twice");
    assertThat(errors.get(5).get("file").asText()).isEqualTo(tracking.toString());
  }

  @Test
  @Order(2)
  void list_statusErrorFilter_answersOnlyTheArtifactsInError() throws Exception {
    JsonNode list = api.json("/api/v1/artifacts?status=error&project_path=" + enc(project), 200);

    assertThat(textsOf(list.get("items"), "artifact_id"))
        .containsExactlyInAnyOrder("skill:escapes", "skill:twice", "command:typed", "skill:sneaky");
    JsonNode mixed = api.json("/api/v1/artifacts?status=error,missing", 200);
    assertThat(textsOf(mixed.get("items"), "artifact_id")).contains("skill:escapes", "skill:remote");
  }

  @Test
  @Order(3)
  void versionsAndDiff_ofAnArtifactInError_showWhatIsOnDisk() throws Exception {
    JsonNode v = api.json(versions("skill:escapes") + "?project_path=" + enc(project), 200);

    assertThat(v.at("/status/overall").asText()).isEqualTo("error");
    assertThat(v.get("error").asText()).contains("artifacts[2].path");
    assertThat(v.at("/collection/hash").asText()).hasSize(64);
    assertThat(v.get("upstream").isNull()).isTrue();
    assertThat(api.json(versions("skill:alpha"), 200).get("error").isNull()).isTrue();

    JsonNode d = api.json(diff("skill:escapes", "collection", "project", project), 200);
    assertThat(d.at("/files/0/status").asText()).isEqualTo("removed");
    ApiClient.Response base = api.get(diff("skill:escapes", "base", "collection", project));
    assertThat(base.status()).as(base.text()).isEqualTo(409);
    assertThat(base.json().get("detail").asText()).contains("artifacts[2].path");
    assertThat(api.json(diff("skill:alpha", "collection", "project", project), 200)).isNotNull();
  }

  @Test
  @Order(4)
  void notTomlTrackingFile_answers409NamingFileAndLine_onEveryRead() throws Exception {
    String brokenFile = broken + "/.claude/.skillmeat-deployed.toml";
    for (String path :
        List.of(
            "/api/v1/artifacts?project_path=" + enc(broken),
            versions("command:gamma") + "?project_path=" + enc(broken),
            diff("command:gamma", "collection", "project", broken))) {
      ApiClient.Response r = api.get(path);

      assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(409);
      assertThat(r.contentType()).isEqualTo("application/problem+json");
      assertThat(r.json().get("file").asText()).isEqualTo(brokenFile);
      assertThat(r.json().get("line").asInt()).isEqualTo(3);
      assertThat(r.json().get("detail").asText())
          .contains(brokenFile + ":3: not valid TOML");
    }
  }

  @Test
  @Order(5)
  void syncAllJobs_syncTheValidArtifactsInEveryDirection_andEndErrorNamingTheBadOnes()
      throws Exception {
    JsonNode up = runJob(Map.of("direction", "upstream_to_collection", "dry_run", false));

    assertThat(up.get("state").asText()).isEqualTo("error");
    assertThat(outcome(up, "skill:remote")).isEqualTo("created");
    assertThat(Files.readString(TIERS.collection().path("skills/remote/SKILL.md"))).isEqualTo("# Remote\n");
    assertThat(outcome(up, "skill:escapes")).isEqualTo("error");
    assertThat(reason(up, "skill:escapes")).contains("collection.toml:15: artifacts[2].path");
    assertThat(outcome(up, "skill:up-escape")).isEqualTo("error");
    assertThat(reason(up, "skill:up-escape")).contains("upstream_path");
    assertThat(outcome(up, "collection.toml artifacts[1]")).isEqualTo("error");
    assertThat(reason(up, "collection.toml artifacts[3]")).contains("must be a string");

    JsonNode down =
        runJob(Map.of("direction", "collection_to_project", "dry_run", false, "project_path", project));

    assertThat(down.get("state").asText()).isEqualTo("error");
    assertThat(outcome(down, "skill:alpha")).isEqualTo("created");
    assertThat(outcome(down, "skill:remote")).isEqualTo("created");
    assertThat(outcome(down, "command:gamma")).isEqualTo("created");
    assertThat(Files.readString(TIERS.project().path("skills/alpha/SKILL.md"))).isEqualTo("# Alpha\n");
    for (String id : List.of("skill:escapes", "skill:twice", "command:typed", "skill:sneaky")) {
      assertThat(outcome(down, id)).as(id).isEqualTo("error");
    }
    assertThat(Files.exists(TIERS.project().path("skills/escapes"))).isFalse();
    assertThat(outcome(down, ".skillmeat-deployed.toml deployed[0]")).isEqualTo("error");

    Files.writeString(TIERS.project().path("skills/alpha/SKILL.md"), "# Alpha, edited in the project\n");
    JsonNode back =
        runJob(Map.of("direction", "project_to_collection", "dry_run", false, "project_path", project));

    assertThat(back.get("state").asText()).isEqualTo("error");
    assertThat(outcome(back, "skill:alpha")).isEqualTo("updated");
    assertThat(Files.readString(TIERS.collection().path("skills/alpha/SKILL.md")))
        .isEqualTo("# Alpha, edited in the project\n");
    assertThat(outcome(back, "skill:sneaky")).isEqualTo("error");

    String manifestText = Files.readString(manifest);
    for (String entry : List.of(NAME_ESCAPES, PATH_ESCAPES, NAME_NOT_A_STRING, TWICE, TAGS_NOT_A_LIST)) {
      assertThat(manifestText).contains(entry);
    }
    assertThat(manifestText.split("name = \"twice\"", -1)).hasSize(3);
    String trackingText = Files.readString(tracking);
    assertThat(trackingText).contains(HOSTILE_NAME).contains(HOSTILE_PATH);
    assertThat(trackingText).contains("artifact_name = \"alpha\"");
    assertThat(Files.exists(TIERS.root().resolve("outside"))).isFalse();
    assertThat(Files.exists(TIERS.collectionsRoot().resolve("outside"))).isFalse();
  }

  @Test
  @Order(6)
  void syncJob_withANonTomlTrackingFile_endsErrorNamingFileAndLine_notRetried() throws Exception {
    JsonNode job =
        runJob(Map.of("direction", "collection_to_project", "dry_run", false, "project_path", broken));

    assertThat(job.get("state").asText()).isEqualTo("error");
    assertThat(job.get("log_excerpt").toString())
        .contains(".skillmeat-deployed.toml:3: not valid TOML")
        .contains("not retried");
  }

  private static String outcome(JsonNode job, String id) {
    return find(job.get("artifacts"), "artifact_id", id).get("outcome").asText();
  }

  private static String reason(JsonNode job, String id) {
    return find(job.get("artifacts"), "artifact_id", id).get("reason").asText();
  }

  /** Creates a sync job over HTTP and polls it until it ends. */
  private JsonNode runJob(Map<String, Object> request) throws Exception {
    return api.runJob(request);
  }
}
