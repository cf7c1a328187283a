package dev.tiersync.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.Tiers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Patch export is rate-limited per API token: a 429 with Retry-After for one, none for another. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatchRateLimitTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final String OTHER_TOKEN = "second-team-token-5e8a21";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
    registry.add("TIERSYNC_API_TOKENS", () -> TestDataHome.API_TOKEN + "," + OTHER_TOKEN);
    registry.add("SYNC_PATCH_RATE_LIMIT", () -> "2");
  }

  @LocalServerPort int port;

  @BeforeAll
  void buildTiers() throws Exception {
    TIERS.collection().list(ManifestEntry.local("command:review"));
    TIERS.collection().write("commands/review.md", "Review.\n");
    TIERS.project().write("commands/review.md", "Review, project.\n");
  }

  @Test
  void thirdExportInAMinute_isRefusedWithRetryAfter_forThatTokenOnly() throws Exception {
    HttpResponse<String> first = export(TestDataHome.API_TOKEN);
    HttpResponse<String> second = export(TestDataHome.API_TOKEN);
    HttpResponse<String> third = export(TestDataHome.API_TOKEN);
    HttpResponse<String> otherToken = export(OTHER_TOKEN);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(third.body()).contains("2 a minute per API token");
    assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
    assertThat(otherToken.statusCode()).isEqualTo(202);
  }

  private HttpResponse<String> export(String token) throws Exception {
    String body =
        "{\"artifact_ids\":[\"command:review\"],\"project_path\":\"" + TIERS.project().dir().toRealPath() + "\",\"format\":\"zip\"}";
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sync/patch"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
