package dev.tiersync.app.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Real HTTP against the running app (JSON documents and raw downloads), and the paths and JSON
 * helpers the read API tests share (the upstreams API tests too).
 */
public final class ApiClient {
  /** A response: status, content type, raw bytes, and the body parsed as JSON when it is JSON. */
  public record Response(int status, String contentType, byte[] bytes, JsonNode json) {
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The {@code field} of a problem document. */
    public String field() {
      return json.path("field").asText(null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** GET a path (query included, already encoded). */
  public Response get(String pathAndQuery) throws IOException, InterruptedException {
    return send("GET", pathAndQuery, null);
  }

  /** Sends a request with a JSON body (or none, when null). */
  public Response send(String method, String pathAndQuery, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .header("Authorization", "Bearer " + dev.tiersync.app.TestDataHome.API_TOKEN)
            .timeout(Duration.ofMinutes(2));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    String type = r.headers().firstValue("Content-Type").orElse("");
    JsonNode body = type.contains("json") ? JSON.readTree(r.body()) : null;
    return new Response(r.statusCode(), type, r.body(), body);
  }

  /** The job a {@code 202} answer created, once it ended {@code success}. */
  public JsonNode succeeded(Response created) throws IOException, InterruptedException {
    assertThat(created.status()).as("%s", created.text()).isEqualTo(202);
    String id = created.json().get("job_id").asText();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode job = json("/api/v1/sync/jobs/" + id, 200);
      if (!List.of("queued", "running").contains(job.get("state").asText())) {
        assertThat(job.get("state").asText()).as("%s", job).isEqualTo("success");
        return job;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + id + " did not end within 90 s");
  }

  /**
   * The audit log's entry of a job that touched {@code artifactId}, waited for: it is written just
   * after the job's end is stored.
   */
  public JsonNode awaitAudited(String artifactId, String jobId)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode items = json("/api/v1/audit?artifact=" + enc(artifactId) + "&limit=500", 200).get("items");
      for (JsonNode e : items) {
        if (e.get("job_id").asText().equals(jobId)) {
          return e;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job " + jobId + " never reached the audit log");
  }

  /** GET a JSON document, failing unless the status is the expected one. */
  public JsonNode json(String pathAndQuery, int expectedStatus) throws IOException, InterruptedException {
    Response r = get(pathAndQuery);
    if (r.status() != expectedStatus) {
      throw new AssertionError(
          "GET "
              + pathAndQuery
              + ": expected "
              + expectedStatus
              + ", got "
              + r.status()
              + ": "
              + r.text());
    }
    return r.json();
  }

  /** POSTs a JSON body, answering the status and the body parsed as JSON. */
  public Response post(String path, Object body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + dev.tiersync.app.TestDataHome.API_TOKEN)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    String type = r.headers().firstValue("Content-Type").orElse("");
    JsonNode json = type.contains("json") ? JSON.readTree(r.body()) : null;
    return new Response(r.statusCode(), type, r.body(), json);
  }

  /** Creates a sync job over HTTP and polls its status document until the job ends. */
  public JsonNode runJob(Object request) throws IOException, InterruptedException {
    Response created = post("/api/v1/sync/jobs", request);
    assertThat(created.status()).as(created.text()).isEqualTo(202);
    String id = created.json().get("job_id").asText();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode job = json("/api/v1/sync/jobs/" + id, 200);
      if (List.of("success", "conflict", "error", "canceled").contains(job.get("state").asText())) {
        return job;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + id + " did not end");
  }

  public static String versions(String id) {
    return "/api/v1/artifacts/" + enc(id) + "/versions";
  }

  static String diff(String id, String lhs, String rhs, String projectPath) {
    return "/api/v1/artifacts/"
        + enc(id)
        + "/diff?lhs="
        + enc(lhs)
        + "&rhs="
        + enc(rhs)
        + (projectPath == null ? "" : "&project_path=" + enc(projectPath));
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** One field of every element of a JSON array, as text. */
  public static List<String> textsOf(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.get(field).asText())
        .toList();
  }

  /** The element of a list or diff document whose {@code key} is {@code value}. */
  public static JsonNode find(JsonNode array, String key, String value) {
    return StreamSupport.stream(array.spliterator(), false)
        .filter(n -> n.get(key).asText().equals(value))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " " + value + " in " + array));
  }

  static JsonNode file(JsonNode diff, String path) {
    return find(diff.get("files"), "path", path);
  }

  /** Asserts a problem document with this status and {@code field} (null: none). */
  public static void assertProblem(Response r, int status, String field) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    assertThat(r.field()).as(r.text()).isEqualTo(field);
    assertThat(r.json().get("detail").asText()).isNotBlank();
  }
}
