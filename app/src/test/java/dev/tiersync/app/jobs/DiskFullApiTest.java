package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.app.TinyTmpfs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The data directory on a real tmpfs that is then filled to the last byte: creating a job answers
 * 507 Insufficient Storage as a problem document naming the cause (never a 500), the job store
 * (SQLite and its JSONL mirror) stays readable and in step, and jobs are created again once there
 * is room. Skipped where a tmpfs cannot be mounted (not root, or no mount rights).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DiskFullApiTest {
  private static final TinyTmpfs DISK = TinyTmpfs.mount("8m");
  private static final Path HOME = DISK != null ? DISK.dir.resolve("home") : TestDataHome.newHome();
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void env(DynamicPropertyRegistry registry) throws Exception {
    Path collections = Files.createDirectories(TestDataHome.newHome().resolveSibling("collections").resolve("default"));
    registry.add("TIERSYNC_HOME", HOME::toString);
    registry.add("TIERSYNC_API_TOKENS", () -> TestDataHome.API_TOKEN);
    registry.add("TIERSYNC_COLLECTIONS", () -> collections.getParent().toString());
  }

  @AfterAll
  static void unmount() throws Exception {
    if (DISK != null) {
      DISK.close();
    }
  }

  @LocalServerPort int port;

  @Test
  void createJob_onAFullDisk_is507_andTheStoreStaysWhole() throws Exception {
    assumeThat(DISK).as("a tmpfs can be mounted here").isNotNull();
    assertThat(list().get("total").asInt()).isZero();
    DISK.fill();

    // Leftover room at the end of a file may still take a small write; the first write that needs
    // a new block is refused. Every answer is a created job or a 507, never anything else.
    List<HttpResponse<String>> answers = new ArrayList<>();
    HttpResponse<String> refused = null;
    for (int i = 0; i < 20 && refused == null; i++) {
      HttpResponse<String> r = createJob();
      answers.add(r);
      assertThat(r.statusCode()).as(r.body()).isIn(202, 507);
      if (r.statusCode() == 507) {
        refused = r;
      }
    }
    assertThat(refused).as("a job creation refused for lack of space").isNotNull();
    int created = answers.size() - 1;
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(refused.body());
    assertThat(problem.get("status").asInt()).isEqualTo(507);
    assertThat(problem.get("title").asText()).isEqualTo("Insufficient Storage");
    assertThat(problem.get("detail").asText()).contains("disk is full").contains("no space left").contains("TIERSYNC_HOME");

    // Still readable on the full disk, holding exactly the jobs that were accepted.
    assertThat(list().get("total").asInt()).isEqualTo(created);
    assertStoreInStep();

    DISK.free();
    assertThat(createJob().statusCode()).isEqualTo(202);
    assertThat(list().get("total").asInt()).isEqualTo(created + 1);
    assertStoreInStep();
  }

  /** Every JSONL line is a whole document, and the mirror holds the jobs SQLite (the API) has. */
  private void assertStoreInStep() throws Exception {
    Path file = HOME.resolve("jobs.jsonl");
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JSON.readTree(line);
    }
    Set<String> api = new TreeSet<>();
    list().get("items").forEach(j -> api.add(j.get("job_id").asText()));
    Set<String> mirror = new TreeSet<>();
    new JsonlJobStore(file, JSON).list(new JobQuery(null, null, null, 1000, 0)).forEach(r -> mirror.add(r.jobId()));
    assertThat(mirror).isEqualTo(api);
  }

  private HttpResponse<String> createJob() throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sync/jobs"))
            .header("Authorization", "Bearer " + TestDataHome.API_TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"direction\":\"upstream_to_collection\",\"dry_run\":true}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode list() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sync/jobs?limit=100"))
                .header("Authorization", "Bearer " + TestDataHome.API_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
