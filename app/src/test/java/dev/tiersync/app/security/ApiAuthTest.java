package dev.tiersync.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.Tiers;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every API route and actuator endpoint the running app registers, found from Spring's own
 * mappings (so a route added later is covered without touching this test), refuses a request
 * without a valid token with a 401 problem document and serves one with it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Spring Boot tests turn metrics export off unless asked; /actuator/prometheus is covered here.
@AutoConfigureObservability(tracing = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAuthTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
  }

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Autowired PathMappedEndpoints endpoints;

  record Route(String method, String path) {}

  @Test
  void everyApiRoute_refusesWithoutToken_andServesWithOne() throws Exception {
    List<Route> routes = apiRoutes();
    assertThat(routes)
        .as("the enumeration must find the API, or this test proves nothing")
        .contains(new Route("POST", "/api/v1/sync/jobs"), new Route("GET", "/api/v1/artifacts"))
        .hasSizeGreaterThanOrEqualTo(12);

    List<String> wrong = new ArrayList<>();
    for (Route r : routes) {
      Result none = send(r, null);
      Result bad = send(r, "not-the-token");
      Result good = send(r, TestDataHome.API_TOKEN);
      if (none.status != 401 || !isAuthProblem(none) || !none.wwwAuthenticate.equals("Bearer realm=\"tiersync\"")) {
        wrong.add(r + " without a token: " + none);
      }
      if (bad.status != 401 || !isAuthProblem(bad) || !bad.wwwAuthenticate.contains("error=\"invalid_token\"")) {
        wrong.add(r + " with a wrong token: " + bad);
      }
      if (good.status == 401 || good.status == 403) {
        wrong.add(r + " with the token: " + good);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void actuatorEndpoints_needTheToken_exceptHealth() throws Exception {
    List<String> paths = new ArrayList<>();
    endpoints.getAllRootPaths().forEach(p -> paths.add(endpoints.getBasePath() + "/" + p));
    assertThat(paths).contains("/actuator/health", "/actuator/prometheus");

    for (String path : paths) {
      Result none = send(new Route("GET", path), null);
      Result good = send(new Route("GET", path), TestDataHome.API_TOKEN);
      assertThat(good.status).as(path).isEqualTo(200);
      if (path.equals("/actuator/health")) {
        assertThat(none.status).isEqualTo(200);
      } else {
        assertThat(none.status).as(path).isEqualTo(401);
      }
    }
  }

  @Test
  void health_showsDetailsOnlyWithTheToken() throws Exception {
    JsonNode open = JSON.readTree(send(new Route("GET", "/actuator/health"), null).body);
    JsonNode authorised = JSON.readTree(send(new Route("GET", "/actuator/health"), TestDataHome.API_TOKEN).body);

    assertThat(open.at("/components/temporal/status").asText()).isEqualTo("UP");
    assertThat(open.at("/components/temporal/details").isMissingNode()).isTrue();
    assertThat(open.at("/components/diskSpace/details").isMissingNode()).isTrue();
    assertThat(authorised.at("/components/temporal/details/mode").asText()).isEqualTo("embedded");
  }

  @Test
  void queryToken_isAcceptedOnlyWhereBrowsersCannotSendHeaders() throws Exception {
    String token = "access_token=" + TestDataHome.API_TOKEN;
    assertThat(send(new Route("GET", "/api/v1/sync/events?" + token), null).status).isEqualTo(200);
    assertThat(send(new Route("GET", "/api/v1/sync/patches/no-such-job/bundle?" + token), null).status).isEqualTo(404);
    assertThat(send(new Route("GET", "/api/v1/artifacts?" + token), null).status).isEqualTo(401);
    assertThat(send(new Route("GET", "/api/v1/sync/jobs?" + token), null).status).isEqualTo(401);
    // Not on a POST either, even to a route that takes it on GET.
    assertThat(send(new Route("POST", "/api/v1/sync/jobs?" + token), null).status).isEqualTo(401);
  }

  @Test
  void tokenInHeaderAndQuery_isABadRequest() throws Exception {
    Result both = send(new Route("GET", "/api/v1/sync/events?access_token=" + TestDataHome.API_TOKEN), TestDataHome.API_TOKEN);

    assertThat(both.status).isEqualTo(400);
    assertThat(both.contentType).isEqualTo("application/problem+json");
  }

  @Test
  void theUi_isPublic_andNoResponseSetsACookie() throws Exception {
    Result ui = send(new Route("GET", "/"), null);
    Result api = send(new Route("GET", "/api/v1/sync/jobs"), TestDataHome.API_TOKEN);

    assertThat(ui.status).isEqualTo(200);
    assertThat(ui.setCookie).isFalse();
    assertThat(api.status).isEqualTo(200);
    assertThat(api.setCookie).isFalse();
  }

  private List<Route> apiRoutes() {
    TreeSet<String> seen = new TreeSet<>();
    List<Route> routes = new ArrayList<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (info, handler) -> {
              var methods = info.getMethodsCondition().getMethods();
              for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                  continue;
                }
                String path = pattern.replaceAll("\\{[^}]+}", "x");
                for (RequestMethod m : methods.isEmpty() ? java.util.Set.of(RequestMethod.GET) : methods) {
                  if (seen.add(m + " " + path)) {
                    routes.add(new Route(m.name(), path));
                  }
                }
              }
            });
    return routes;
  }

  private static boolean isAuthProblem(Result r) {
    return r.contentType.equals("application/problem+json") && r.body.contains("\"field\":\"Authorization\"");
  }

  record Result(int status, String contentType, String wwwAuthenticate, boolean setCookie, String body) {
    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }

  /** Sends the request and reads at most 64 KB of the answer (the SSE stream never ends). */
  private Result send(Route r, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + r.path())).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (r.method().equals("POST") || r.method().equals("PUT") || r.method().equals("PATCH")) {
      b.header("Content-Type", "application/json").method(r.method(), HttpRequest.BodyPublishers.ofString("{}"));
    } else {
      b.method(r.method(), HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<InputStream> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    String type = response.headers().firstValue("Content-Type").orElse("");
    String body;
    try (InputStream in = response.body()) {
      body = type.startsWith("text/event-stream") ? "" : new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8);
    }
    return new Result(
        response.statusCode(),
        type,
        response.headers().firstValue("WWW-Authenticate").orElse(""),
        response.headers().firstValue("Set-Cookie").isPresent(),
        body);
  }
}
