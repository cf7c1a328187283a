package dev.tiersync.app.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.app.artifacts.ApiClient;
import dev.tiersync.engine.testing.Tiers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /api/v1/hosts} over real HTTP on the embedded Temporal server, which no agent can reach:
 * every configured host is offline, saying why, and asking one answers at once. The real-cluster
 * behaviour, with agents, is {@code HostAgentsIT}'s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostsApiTest {
  private static final Tiers TIERS = TestDataHome.newTiers();

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
    registry.add("tiersync.agents.hosts", () -> "ann-laptop,bob-laptop");
  }

  @LocalServerPort int port;

  @Test
  void hosts_onTheEmbeddedServer_areOfflineSayingWhy() throws Exception {
    JsonNode hosts = new ApiClient(port).json("/api/v1/hosts", 200);

    assertThat(hosts.get("offline_after").asLong()).isEqualTo(90);
    assertThat(hosts.get("items")).hasSize(2);
    JsonNode ann = hosts.get("items").get(0);
    assertThat(ann.get("id").asText()).isEqualTo("ann-laptop");
    assertThat(ann.get("task_queue").asText()).isEqualTo("tiersync-host-ann-laptop");
    assertThat(ann.get("online").asBoolean()).isFalse();
    assertThat(ann.get("projects").isNull()).isTrue();
    assertThat(ann.get("offline_reason").asText()).isEqualTo(Hosts.EMBEDDED);
    assertThat(hosts.get("items").get(1).get("id").asText()).isEqualTo("bob-laptop");
  }

  @Test
  void projects_ofAHostOnTheEmbeddedServer_are503SayingWhy() throws Exception {
    JsonNode problem = new ApiClient(port).json("/api/v1/hosts/ann-laptop/projects", 503);

    assertThat(problem.get("detail").asText()).isEqualTo(Hosts.EMBEDDED);
  }

  @Test
  void projects_ofAnUnknownHost_are404NamingTheSetting() throws Exception {
    JsonNode problem = new ApiClient(port).json("/api/v1/hosts/carol/projects", 404);

    assertThat(problem.get("detail").asText()).isEqualTo("host 'carol' is not one of TIERSYNC_HOSTS (ann-laptop, bob-laptop)");
  }
}
