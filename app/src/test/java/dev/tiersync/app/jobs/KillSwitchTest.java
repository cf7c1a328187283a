package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.app.TestDataHome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code SYNC_ASYNC_ENABLED=false}: job creation answers 503; reads keep working. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KillSwitchTest {
  private static final Path HOME = TestDataHome.newHome();
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void env(DynamicPropertyRegistry registry) throws Exception {
    Path collections = Files.createDirectories(HOME.resolveSibling("collections").resolve("default"));
    registry.add("TIERSYNC_HOME", HOME::toString);
    registry.add("TIERSYNC_API_TOKENS", () -> dev.tiersync.app.TestDataHome.API_TOKEN);
    registry.add("TIERSYNC_COLLECTIONS", () -> collections.getParent().toString());
    registry.add("SYNC_ASYNC_ENABLED", () -> "false");
  }

  @LocalServerPort int port;

  @Test
  void jobCreation_answers503WithAProblem_whileReadsWork() throws Exception {
    HttpResponse<String> create =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sync/jobs"))
                .header("Authorization", "Bearer " + dev.tiersync.app.TestDataHome.API_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"direction\":\"upstream_to_collection\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> list =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sync/jobs"))
                .header("Authorization", "Bearer " + dev.tiersync.app.TestDataHome.API_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(create.statusCode()).isEqualTo(503);
    assertThat(create.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(create.body()).contains("SYNC_ASYNC_ENABLED=false");
    assertThat(list.statusCode()).isEqualTo(200);
  }
}
