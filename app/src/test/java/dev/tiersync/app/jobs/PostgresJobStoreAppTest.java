package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.PostgresServer;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.app.TiersyncApplication;
import dev.tiersync.app.artifacts.ApiClient;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.ProjectFolder;
import dev.tiersync.engine.testing.Tiers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app (embedded Temporal) with {@code SYNC_JOB_STORE=postgres} on a real PostgreSQL
 * server ({@code scripts/postgres.sh}): a job created over HTTP is kept in PostgreSQL and in this
 * instance's own JSONL mirror, and nothing falls back to a SQLite file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresJobStoreAppTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final Path HOME = Path.of(TestDataHome.env(TIERS).get("TIERSYNC_HOME"));
  private static final ArtifactId ALPHA = ArtifactId.parse("skill:alpha");
  private static PostgresServer server;

  @DynamicPropertySource
  static void env(DynamicPropertyRegistry registry) {
    server = PostgresServer.start();
    TestDataHome.register(registry, TIERS);
    registry.add("SYNC_JOB_STORE", () -> "postgres");
    server.environment().forEach((name, value) -> registry.add(name, () -> value));
    registry.add("TIERSYNC_INSTANCE_ID", () -> "app-a");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @LocalServerPort int port;

  @Test
  void jobCreatedOverHttp_isKeptInPostgresAndInThisInstancesMirror() throws Exception {
    TIERS.collection().list(ManifestEntry.local(ALPHA.toString()));
    TIERS.collection().write(ALPHA, "SKILL.md", "# Alpha\n");
    ProjectFolder project = TIERS.project("one");
    ApiClient api = new ApiClient(port);

    JsonNode job =
        api.runJob(
            Map.of(
                "direction", "collection_to_project",
                "artifact_ids", List.of(ALPHA.toString()),
                "project_path", project.dir().toRealPath().toString()));

    assertThat(job.get("state").asText()).isEqualTo("success");
    String id = job.get("job_id").asText();
    assertThat(stateInPostgres(id)).isEqualTo("success");
    assertThat(api.json("/api/v1/sync/jobs?artifact=" + ApiClient.enc(ALPHA.toString()), 200).toString()).contains(id);
    Path mirror = HOME.resolve("jobs-app-a.jsonl");
    assertThat(Files.readString(mirror)).contains(id);
    assertThat(HOME.resolve("jobs.jsonl")).doesNotExist();
    assertThat(HOME.resolve("tiersync.db")).doesNotExist();
    assertThat(api.json("/actuator/health", 200).at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
  }

  @Test
  void unreachablePostgres_failsStart_namingTheSetting() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Map<String, Object> env = new java.util.HashMap<>(TestDataHome.env(TestDataHome.newTiers()));
    env.put("SYNC_JOB_STORE", "postgres");
    env.put("SYNC_DB_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/tiersync");
    env.put("SYNC_DB_USER", "tiersync");
    env.put("server.port", "0");

    assertThatThrownBy(() -> new SpringApplicationBuilder(TiersyncApplication.class).properties(env).run().close())
        .hasRootCauseInstanceOf(java.net.ConnectException.class)
        .satisfies(
            e ->
                assertThat(causes(e))
                    .anySatisfy(
                        c ->
                            assertThat(c)
                                .isInstanceOf(JobStores.JobStoreUnavailableException.class)
                                .hasMessageContaining("SYNC_DB_URL")
                                .hasMessageContaining("Connection to 127.0.0.1:" + closedPort + " refused")));
  }

  /** Last: it stops the server under the running app. */
  @Test
  @Order(Integer.MAX_VALUE)
  void postgresGoneWhileTheAppRuns_answers503_andKeepsNothingInTheMirrorAlone() throws Exception {
    TIERS.collection().list(ManifestEntry.local("skill:beta"));
    TIERS.collection().write(ArtifactId.parse("skill:beta"), "SKILL.md", "# Beta\n");
    ProjectFolder project = TIERS.project("two");
    ApiClient api = new ApiClient(port);
    Path mirror = HOME.resolve("jobs-app-a.jsonl");
    api.json("/api/v1/sync/jobs", 200);
    long mirrorBefore = Files.exists(mirror) ? Files.size(mirror) : 0;

    server.stop();

    ApiClient.Response created =
        api.post(
            "/api/v1/sync/jobs",
            Map.of(
                "direction", "collection_to_project",
                "artifact_ids", List.of("skill:beta"),
                "project_path", project.dir().toRealPath().toString()));
    assertThat(created.status()).as("create: %s", created.text()).isEqualTo(503);
    assertThat(created.json().get("detail").asText()).contains("the job store's database cannot be reached");
    assertThat(api.get("/api/v1/sync/jobs").status()).isEqualTo(503);
    assertThat(Files.exists(mirror) ? Files.size(mirror) : 0)
        .as("no job lives in this instance's mirror only, where the other instances cannot see it")
        .isEqualTo(mirrorBefore);
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> all = new java.util.ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.add(t);
    }
    return all;
  }

  private static String stateInPostgres(String jobId) throws Exception {
    try (Connection c = DriverManager.getConnection(server.url(), server.user(), server.password());
        PreparedStatement s = c.prepareStatement("SELECT state FROM jobs WHERE job_id = ?")) {
      s.setString(1, jobId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
