package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code docker compose config} (Docker Compose v2, built from its Go module by {@code
 * scripts/compose-config.sh}; there is no Docker engine here) accepts docker-compose.yml, and the
 * resolved file wires what docs/operations.md promises: the app on the Temporal server with its job
 * store in a database of its own on the compose file's PostgreSQL, the Web UI, the
 * search-attribute registration, and every published port on loopback only.
 */
class ComposeFileIT {
  private static final Path SCRIPT = Path.of("..", "scripts", "compose-config.sh").toAbsolutePath().normalize();

  @Test
  void composeConfig_acceptsTheFile_andTheServicesAreWired() throws Exception {
    Path out = Files.createTempFile("compose-config-", ".json");
    Process p = new ProcessBuilder(SCRIPT.toString()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    assertThat(p.waitFor(20, TimeUnit.MINUTES)).as("compose build and config finish").isTrue();
    assertThat(p.exitValue()).as("docker compose config exit code").isZero();

    JsonNode services = new ObjectMapper().readTree(out.toFile()).get("services");
    List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);

    assertThat(names).containsExactlyInAnyOrder("postgresql", "temporal", "temporal-search-attributes", "temporal-ui", "tiersync");
    JsonNode app = services.get("tiersync");
    assertThat(app.at("/environment/TEMPORAL_ADDRESS").asText()).isEqualTo("temporal:7233");
    assertThat(app.at("/environment/TIERSYNC_API_TOKENS").asText()).isNotBlank();
    assertThat(app.at("/depends_on/temporal/condition").asText()).isEqualTo("service_healthy");
    assertThat(app.at("/depends_on/temporal-search-attributes/condition").asText()).isEqualTo("service_completed_successfully");
    assertThat(services.at("/temporal-ui/environment/TEMPORAL_ADDRESS").asText()).isEqualTo("temporal:7233");
    // The job store: tiersync's own database and user on the compose file's PostgreSQL, made by
    // the init script mounted into the postgres image with the same password.
    JsonNode postgres = services.get("postgresql");
    assertThat(app.at("/environment/SYNC_JOB_STORE").asText()).isEqualTo("postgres");
    assertThat(app.at("/environment/SYNC_DB_URL").asText()).isEqualTo("jdbc:postgresql://postgresql:5432/tiersync");
    assertThat(app.at("/environment/SYNC_DB_USER").asText()).isEqualTo("tiersync");
    assertThat(app.at("/environment/SYNC_DB_PASSWORD").asText())
        .isNotBlank()
        .isEqualTo(postgres.at("/environment/TIERSYNC_DB_PASSWORD").asText());
    assertThat(app.at("/environment/TIERSYNC_INSTANCE_ID").asText()).isNotBlank();
    assertThat(app.at("/depends_on/postgresql/condition").asText()).isEqualTo("service_healthy");
    JsonNode init = null;
    for (JsonNode volume : postgres.get("volumes")) {
      if (volume.path("target").asText().equals("/docker-entrypoint-initdb.d")) {
        init = volume;
      }
    }
    assertThat(init).as("init scripts mounted into the postgres image").isNotNull();
    Path initDir = Path.of(init.get("source").asText());
    assertThat(initDir).isEqualTo(Path.of("..", "docker", "postgres-init").toAbsolutePath().normalize());
    assertThat(Files.readString(initDir.resolve("10-tiersync.sh")))
        .contains("CREATE ROLE tiersync", "CREATE DATABASE tiersync OWNER tiersync", "TIERSYNC_DB_PASSWORD");
    assertThat(services.get("temporal-search-attributes").toString())
        .contains("TiersyncArtifactIds", "TiersyncDirection", "TiersyncProject", "TiersyncJobKind");
    for (String name : names) {
      for (JsonNode port : services.get(name).path("ports")) {
        assertThat(port.path("host_ip").asText()).as("published port of %s", name).isEqualTo("127.0.0.1");
      }
    }
  }
}
