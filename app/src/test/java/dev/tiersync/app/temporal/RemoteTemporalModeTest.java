package dev.tiersync.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.ping.PingWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code TEMPORAL_ADDRESS} set, the app is a client and worker of that server and runs no
 * Temporal of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RemoteTemporalModeTest {

  private static final LoopbackTemporalServer SERVER = LoopbackTemporalServer.start();
  private static final Path HOME = TestDataHome.newHome();

  @DynamicPropertySource
  static void remoteTemporal(DynamicPropertyRegistry registry) {
    registry.add("TIERSYNC_HOME", HOME::toString);
    registry.add("TIERSYNC_API_TOKENS", () -> dev.tiersync.app.TestDataHome.API_TOKEN);
    registry.add("TEMPORAL_ADDRESS", SERVER::address);
    registry.add("TEMPORAL_NAMESPACE", () -> "team");
  }

  /**
   * Ties the server's life to the application context: Spring stops the workers (a lifecycle)
   * before it destroys beans, so the server closes only after nothing polls it any more.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class ServerLifetime {
    @Bean(destroyMethod = "close")
    LoopbackTemporalServer loopbackTemporalServer() {
      return SERVER;
    }
  }

  @LocalServerPort int port;

  @Autowired WorkflowClient workflowClient;

  @Autowired ApplicationContext context;

  @Test
  void context_hasNoEmbeddedServer() {
    assertThat(context.getBeanNamesForType(TestWorkflowEnvironment.class)).isEmpty();
    assertThat(workflowClient.getOptions().getNamespace()).isEqualTo("team");
  }

  @Test
  void health_reportsRemoteTemporalUp() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .header("Authorization", "Bearer " + dev.tiersync.app.TestDataHome.API_TOKEN)
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode temporal = new ObjectMapper().readTree(response.body()).at("/components/temporal");
    assertThat(temporal.path("status").asText()).isEqualTo("UP");
    assertThat(temporal.at("/details/mode").asText()).isEqualTo("remote");
    assertThat(temporal.at("/details/address").asText()).isEqualTo(SERVER.address());
    assertThat(temporal.at("/details/namespace").asText()).isEqualTo("team");
  }

  @Test
  void worker_runsWorkflowFromRemoteServer() {
    PingWorkflow ping =
        workflowClient.newWorkflowStub(
            PingWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.JOBS)
                .setWorkflowId("ping-" + UUID.randomUUID())
                .setWorkflowExecutionTimeout(Duration.ofSeconds(30))
                .build());

    assertThat(ping.ping(new PingWorkflow.Ping("remote")).message()).isEqualTo("pong: remote");
  }
}
