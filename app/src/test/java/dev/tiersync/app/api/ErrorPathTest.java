package dev.tiersync.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.TestDataHome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code /error} asked for directly is an unknown resource (404 problem document), never a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorPathTest {
  private static final Path HOME = TestDataHome.newHome();
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void env(DynamicPropertyRegistry registry) throws Exception {
    Path collections = Files.createDirectories(HOME.resolveSibling("collections").resolve("default"));
    registry.add("TIERSYNC_HOME", HOME::toString);
    registry.add("TIERSYNC_API_TOKENS", () -> TestDataHome.API_TOKEN);
    registry.add("TIERSYNC_COLLECTIONS", () -> collections.getParent().toString());
  }

  @LocalServerPort int port;

  @ParameterizedTest(name = "{0} {1} token={2} accept={3}")
  @CsvSource({
    "GET, /error, false, application/json",
    "GET, /error, true, application/json",
    "GET, /error, false, text/html",
    "POST, /error, true, '*/*'",
    "DELETE, /error, false, '*/*'",
    "GET, /error?status=500, true, '*/*'",
  })
  void errorPath_isA404ProblemDocument(String method, String path, boolean token, String accept) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Accept", accept)
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (token) {
      b.header("Authorization", "Bearer " + TestDataHome.API_TOKEN);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = new ObjectMapper().readTree(r.body());
    assertThat(p.get("status").asInt()).isEqualTo(404);
    assertThat(p.get("title").asText()).isEqualTo("Not Found");
    assertThat(p.get("detail").asText()).contains("/error");
  }
}
