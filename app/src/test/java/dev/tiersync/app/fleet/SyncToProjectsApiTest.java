package dev.tiersync.app.fleet;

import static dev.tiersync.app.artifacts.ApiClient.assertProblem;
import static dev.tiersync.app.artifacts.ApiClient.textsOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.app.artifacts.ApiClient;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.ProjectFolder;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.DeploymentTracking;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "Sync this artifact to all these projects" over real HTTP against the whole app (embedded
 * Temporal) on real folders: one job, a dry run that writes nothing, then an apply that deploys
 * the artifact in each of three projects and writes each one's tracking file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncToProjectsApiTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final ArtifactId ALPHA = ArtifactId.parse("skill:alpha");

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
  }

  @LocalServerPort int port;

  private ApiClient api;
  private final List<ProjectFolder> projects = new ArrayList<>();
  private final List<String> paths = new ArrayList<>();

  @BeforeAll
  void buildTiers() throws Exception {
    api = new ApiClient(port);
    TIERS.collection().list(ManifestEntry.local(ALPHA.toString()));
    TIERS.collection().write(ALPHA, "SKILL.md", "# Alpha\n");
    for (String name : List.of("one", "two", "three")) {
      ProjectFolder p = TIERS.project(name);
      projects.add(p);
      paths.add(p.dir().toRealPath().toString());
    }
  }

  @Test
  void dryRunThenApply_deploysTheArtifactInEveryProject_asOneJob() throws Exception {
    JsonNode dry = api.runJob(request(true));

    assertThat(dry.get("state").asText()).isEqualTo("success");
    assertThat(dry.at("/request/project_paths")).hasSize(3);
    assertThat(dry.at("/request/project_path").isNull()).isTrue();
    assertThat(textsOf(dry.get("plans"), "project_path")).containsExactlyElementsOf(paths);
    assertThat(textsOf(dry.get("plans"), "action")).containsOnly("create");
    for (ProjectFolder p : projects) {
      assertThat(Files.exists(p.artifact(ALPHA))).as("a dry run writes nothing").isFalse();
    }

    JsonNode applied = api.runJob(request(false));

    assertThat(applied.get("state").asText()).isEqualTo("success");
    assertThat(textsOf(applied.get("artifacts"), "project_path")).containsExactlyElementsOf(paths);
    assertThat(textsOf(applied.get("artifacts"), "outcome")).containsOnly("created");
    for (ProjectFolder p : projects) {
      assertThat(p.read(ALPHA, "SKILL.md")).isEqualTo("# Alpha\n");
      assertThat(DeploymentTracking.load(p.trackingFile()).find(ALPHA)).isPresent();
    }
    JsonNode fleet = api.json("/api/v1/fleet", 200);
    JsonNode alpha = fleet.get("artifacts").get(0);
    for (JsonNode cell : alpha.get("cells")) {
      if (paths.contains(cell.get("project_path").asText())) {
        assertThat(cell.get("collection_to_project").asText()).isEqualTo("synced");
      }
    }
  }

  @Test
  void projectPathAndProjectPaths_together_is400() throws Exception {
    Map<String, Object> both = new java.util.HashMap<>(request(true));
    both.put("project_path", paths.get(0));

    assertProblem(api.post("/api/v1/sync/jobs", both), 400, "project_paths");
    Map<String, Object> relative = new java.util.HashMap<>(request(true));
    relative.put("project_paths", List.of(paths.get(0), "relative"));
    assertProblem(api.post("/api/v1/sync/jobs", relative), 400, "project_paths[1]");
  }

  private Map<String, Object> request(boolean dryRun) {
    return Map.of(
        "direction", "collection_to_project",
        "artifact_ids", List.of(ALPHA.toString()),
        "project_paths", paths,
        "dry_run", dryRun);
  }
}
