package dev.tiersync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.ping.PingWorkflow;
import io.temporal.api.enums.v1.NamespaceState;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.internal.client.WorkflowClientInternal;
import io.temporal.worker.WorkerFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Starts the whole application in its default mode (embedded Temporal, SQLite in a fresh data
 * directory) and talks to it over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Spring Boot tests turn metrics export off unless asked; /actuator/prometheus is under test here.
@AutoConfigureObservability(tracing = false)
class TiersyncApplicationTest {

  private static final Path HOME = TestDataHome.newHome();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void dataHome(DynamicPropertyRegistry registry) {
    // The environment-variable names, as a user would set them.
    registry.add("TIERSYNC_HOME", HOME::toString);
    registry.add("TIERSYNC_API_TOKENS", () -> TestDataHome.API_TOKEN);
    registry.add("TIERSYNC_COLLECTIONS", () -> HOME.resolveSibling("collections").toString());
  }

  @LocalServerPort int port;

  @Autowired WorkflowClient workflowClient;

  @Autowired WorkerFactory workers;

  @Autowired ServletWebServerApplicationContext webContext;

  @Test
  void health_isUpWithDbAndTemporalComponents() throws Exception {
    HttpResponse<String> response = get("/actuator/health");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode health = JSON.readTree(response.body());
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/db/details/database").asText()).isEqualTo("SQLite");
    assertThat(health.at("/components/temporal/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/temporal/details/mode").asText()).isEqualTo("embedded");
    assertThat(health.at("/components/temporal/details/namespace").asText()).isEqualTo("default");
    assertThat(health.at("/components/temporal/details/workers").asText()).isEqualTo("running");
  }

  @Test
  void dataDirectory_holdsSqliteStoreWithJobsTableInWalMode() throws Exception {
    Path database = HOME.resolve("tiersync.db");
    assertThat(database).isRegularFile();

    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement()) {
      assertThat(single(statement, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(
              single(
                  statement,
                  "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'jobs'"))
          .isEqualTo("jobs");
      assertThat(column(statement, "SELECT name FROM pragma_table_info('jobs') ORDER BY cid"))
          .containsExactly(
              "job_id",
              "kind",
              "direction",
              "state",
              "pct",
              "phase",
              "collection",
              "project_path",
              "artifact_ids",
              "request_json",
              "snapshot_json",
              "trace_id",
              "idempotency_key",
              "request_hash",
              "created_by",
              "created_at",
              "started_at",
              "ended_at");
      assertThat(column(statement, "SELECT name FROM pragma_index_list('jobs')"))
          .contains(
              "jobs_idempotency_key_uq",
              "jobs_state_created_idx",
              "jobs_direction_created_idx",
              "jobs_created_idx",
              "jobs_ended_idx");
    }
  }

  @Test
  void temporalClient_runsWorkflowOnEmbeddedServer() {
    PingWorkflow ping =
        workflowClient.newWorkflowStub(
            PingWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.JOBS)
                .setWorkflowId("ping-" + UUID.randomUUID())
                .setWorkflowExecutionTimeout(Duration.ofSeconds(30))
                .build());

    PingWorkflow.Pong pong = ping.ping(new PingWorkflow.Ping("hello"));

    assertThat(pong.message()).isEqualTo("pong: hello");
  }

  /**
   * The test server advertises worker heartbeats but does not implement them: a client with
   * heartbeats on builds a heartbeat sender, every worker started on it is registered there, and
   * each start logs a warning when the first heartbeat is refused. Off, the client has no sender.
   */
  @Test
  void embeddedServer_workersRunWithoutHeartbeatSender() {
    WorkflowClientInternal client = (WorkflowClientInternal) workflowClient.getInternal();

    assertThat(workers.isStarted()).isTrue();
    assertThat(workers.getWorkflowClient()).isSameAs(workflowClient);
    assertThat(client.getHeartbeatManager()).isNull();
  }

  @Test
  void temporalClient_describesConfiguredNamespace() {
    NamespaceState state =
        workflowClient
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace("default").build())
            .getNamespaceInfo()
            .getState();

    assertThat(state).isEqualTo(NamespaceState.NAMESPACE_STATE_REGISTERED);
  }

  @Test
  void root_servesTheWebUi() throws Exception {
    HttpResponse<String> response = get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(response.body())
        .contains("<title>tiersync</title>")
        .contains("<div id=\"root\"></div>")
        .containsPattern("src=\"/assets/index-[^\"]+\\.js\"");
  }

  @Test
  void prometheus_exposesJvmAndTemporalMetrics() throws Exception {
    HttpResponse<String> response = get("/actuator/prometheus");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("jvm_memory_used_bytes").contains("temporal_");
  }

  @Test
  void server_bindsLoopbackOnly() {
    TomcatWebServer server = (TomcatWebServer) webContext.getWebServer();

    Object address = server.getTomcat().getConnector().getProperty("address");

    assertThat(address).isInstanceOf(InetAddress.class);
    assertThat(((InetAddress) address).isLoopbackAddress()).isTrue();
  }

  private HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + TestDataHome.API_TOKEN)
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String single(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).as("a row from: %s", sql).isTrue();
      return rows.getString(1);
    }
  }

  private static List<String> column(Statement statement, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
