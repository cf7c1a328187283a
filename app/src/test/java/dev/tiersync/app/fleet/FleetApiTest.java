package dev.tiersync.app.fleet;

import static dev.tiersync.app.artifacts.ApiClient.assertProblem;
import static dev.tiersync.app.artifacts.ApiClient.enc;
import static dev.tiersync.app.artifacts.ApiClient.find;
import static dev.tiersync.app.artifacts.ApiClient.textsOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.app.artifacts.ApiClient;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.ProjectFolder;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.FetchProgress;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code GET /api/v1/fleet} over real HTTP against the whole app on real folders: a collection of
 * two local artifacts and one from a real upstream, against the projects found under the project
 * root (one deployed and untouched, one with a local edit, one whose tracking file is not TOML).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetApiTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final ArtifactId ALPHA = ArtifactId.parse("skill:alpha");
  private static final ArtifactId BETA = ArtifactId.parse("command:beta");

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
  }

  @LocalServerPort int port;

  private ApiClient api;
  private String web;
  private String edited;
  private String broken;

  @BeforeAll
  void buildTiers() throws Exception {
    api = new ApiClient(port);
    TIERS.upstream().commit("add", Map.of("skills/remote/SKILL.md", "# Remote\n"));
    TIERS.collection()
        .list(
            ManifestEntry.local(ALPHA.toString()),
            ManifestEntry.local(BETA.toString()),
            TIERS.upstreamSkill("remote"));
    TIERS.collection().write(ALPHA, "SKILL.md", "# Alpha\n");
    TIERS.collection().write("commands/beta.md", "Beta.\n");
    ProjectFolder webProject = TIERS.project("web");
    ProjectFolder editedProject = TIERS.project("edited");
    deploy(webProject, ALPHA);
    deploy(editedProject, ALPHA);
    editedProject.write(ALPHA, "SKILL.md", "# Alpha, edited here\n");
    ProjectFolder brokenProject = TIERS.project("broken");
    Files.writeString(brokenProject.trackingFile(), "[[deployed]]\nartifact_name = \"alpha\"\n[[deployed\n");
    web = webProject.dir().toRealPath().toString();
    edited = editedProject.dir().toRealPath().toString();
    broken = brokenProject.dir().toRealPath().toString();
  }

  @Test
  void fleet_answersEveryArtifactAgainstEveryKnownProject() throws Exception {
    JsonNode fleet = api.json("/api/v1/fleet", 200);

    assertThat(fleet.get("collection").asText()).isEqualTo("default");
    assertThat(fleet.get("generated_at").asText()).isNotBlank();
    assertThat(textsOf(fleet.get("projects"), "path"))
        .contains(web, edited, broken, TIERS.project().dir().toRealPath().toString());
    assertThat(find(fleet.get("projects"), "path", web).get("name").asText()).isEqualTo("web");
    assertThat(textsOf(fleet.get("artifacts"), "artifact_id"))
        .containsExactlyInAnyOrder("skill:alpha", "command:beta", "skill:remote");
    JsonNode alpha = find(fleet.get("artifacts"), "artifact_id", "skill:alpha");
    assertThat(alpha.get("type").asText()).isEqualTo("skill");
    assertThat(alpha.get("name").asText()).isEqualTo("alpha");
    assertThat(alpha.get("upstream_to_collection").isNull()).as("a local artifact").isTrue();
    assertThat(alpha.at("/policy/held").asBoolean()).isFalse();
    assertThat(alpha.at("/policy/auto_update").asText()).isEqualTo("off");
    assertThat(alpha.get("cells")).hasSize(fleet.get("projects").size());
    assertThat(textsOf(alpha.get("cells"), "project_path"))
        .containsExactlyElementsOf(textsOf(fleet.get("projects"), "path"));
    assertThat(cell(alpha, web).get("collection_to_project").asText()).isEqualTo("synced");
    assertThat(cell(alpha, web).get("overall").asText()).isEqualTo("synced");
    assertThat(cell(alpha, edited).get("collection_to_project").asText()).isEqualTo("modified");
    assertThat(cell(alpha, edited).get("reason").asText()).isEqualTo("target has local edits");
    JsonNode beta = find(fleet.get("artifacts"), "artifact_id", "command:beta");
    assertThat(cell(beta, web).get("collection_to_project").asText()).isEqualTo("missing");
    JsonNode remote = find(fleet.get("artifacts"), "artifact_id", "skill:remote");
    assertThat(remote.get("upstream_to_collection").asText()).isEqualTo("missing");
    assertThat(cell(remote, web).get("collection_to_project").isNull())
        .as("neither the collection nor the project has it")
        .isTrue();
    assertThat(cell(remote, web).get("overall").asText()).isEqualTo("missing");
    assertThat(fleet.get("errors")).isEmpty();
  }

  @Test
  void counts_areCellsPerStatus_perProjectAndOverall() throws Exception {
    JsonNode fleet = api.json("/api/v1/fleet", 200);

    JsonNode webCounts = find(fleet.get("projects"), "path", web).get("counts");
    assertThat(webCounts.get("synced").asInt()).isEqualTo(1);
    assertThat(webCounts.get("missing").asInt()).isEqualTo(1);
    assertThat(webCounts.get("conflict").asInt()).isZero();
    assertThat(fleet.get("projects")).as("app, broken, edited and web").hasSize(4);
    JsonNode toProject = fleet.at("/counts/collection_to_project");
    assertThat(toProject.get("synced").asInt()).isEqualTo(1);
    assertThat(toProject.get("modified").asInt()).isEqualTo(1);
    assertThat(toProject.get("error").asInt()).as("every cell of the broken project").isEqualTo(3);
    assertThat(toProject.get("missing").asInt()).as("beta in app, edited and web; alpha in app")
        .isEqualTo(4);
    assertThat(fleet.at("/counts/upstream_to_collection/missing").asInt()).isEqualTo(1);
    assertThat(fleet.at("/counts/overall/error").asInt()).isEqualTo(3);
  }

  @Test
  void brokenTrackingFile_isThatProjectsCellErrors_notTheAnswers() throws Exception {
    JsonNode fleet = api.json("/api/v1/fleet", 200);

    for (JsonNode artifact : fleet.get("artifacts")) {
      JsonNode cell = cell(artifact, broken);
      assertThat(cell.get("collection_to_project").asText()).isEqualTo("error");
      assertThat(cell.get("overall").asText()).isEqualTo("error");
      assertThat(cell.get("reason").asText()).contains(".skillmeat-deployed.toml");
    }
    assertThat(find(fleet.get("projects"), "path", broken).at("/counts/error").asInt()).isEqualTo(3);
  }

  @Test
  void filters_keepTheTypesProjectsAndDriftAsked_andCountOnlyThem() throws Exception {
    JsonNode commands = api.json("/api/v1/fleet?type=command", 200);
    assertThat(textsOf(commands.get("artifacts"), "artifact_id")).containsExactly("command:beta");
    assertThat(commands.at("/counts/collection_to_project/synced").asInt()).isZero();
    assertThat(commands.at("/counts/collection_to_project/error").asInt()).isEqualTo(1);

    JsonNode two =
        api.json("/api/v1/fleet?project=" + enc(edited) + "&project=" + enc(web), 200);
    assertThat(textsOf(two.get("projects"), "path")).containsExactly(edited, web);
    assertThat(find(two.get("artifacts"), "artifact_id", "skill:alpha").get("cells")).hasSize(2);

    JsonNode drift = api.json("/api/v1/fleet?drift=true&project=" + enc(web), 200);
    assertThat(textsOf(drift.get("artifacts"), "artifact_id"))
        .as("alpha is synced in web and has no upstream")
        .containsExactlyInAnyOrder("command:beta", "skill:remote");
    assertThat(drift.at("/counts/collection_to_project/synced").asInt()).isZero();
    assertThat(api.json("/api/v1/fleet?drift=false&project=" + enc(web), 200).get("artifacts"))
        .hasSize(3);
  }

  @Test
  void badFilter_is400NamingIt_unknownCollection404() throws Exception {
    assertProblem(api.get("/api/v1/fleet?type=skill,widget"), 400, "type");
    assertProblem(api.get("/api/v1/fleet?drift=maybe"), 400, "drift");
    assertProblem(api.get("/api/v1/fleet?project=relative/path"), 400, "project");
    assertProblem(api.get("/api/v1/fleet?project=" + enc("/etc")), 400, "project");
    assertProblem(api.get("/api/v1/fleet?collection=" + enc("../up")), 400, "collection");
    assertProblem(api.get("/api/v1/fleet?collection=nope"), 404, "collection");
  }

  @Test
  void upstreamCheckedAt_isWhenTheUpstreamWasLastFetched() throws Exception {
    api.json("/api/v1/fleet", 200);
    JsonNode fleet = api.json("/api/v1/fleet", 200);

    assertThat(fleet.get("upstream_checked_at").asText())
        .as("the first read made the mirror")
        .matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  private static JsonNode cell(JsonNode artifact, String project) {
    return find(artifact.get("cells"), "project_path", project);
  }

  private static void deploy(ProjectFolder project, ArtifactId id) throws Exception {
    SyncEngine engine = TIERS.engine().syncEngine();
    TierScope scope = new TierScope(TIERS.collection().layout(), project.layout());
    Direction d = Direction.COLLECTION_TO_PROJECT;
    engine.apply(
        scope, d, engine.plan(scope, id, d, MergeStrategy.AUTO, FetchPolicy.NEVER, FetchProgress.NONE));
  }
}
