package dev.tiersync.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import dev.tiersync.app.TestDataHome;

/** A small JSON client for the tiersync API, over real HTTP. */
public final class Api {
  public record Response(int status, JsonNode body) {}

  private static final Set<String> TERMINAL = Set.of("success", "conflict", "error", "canceled");
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final String base;

  public Api(String base) {
    this.base = base;
  }

  /** A request to {@code path} carrying the API token. */
  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TestDataHome.API_TOKEN);
  }

  public Response post(String path, Object body) throws Exception {
    return post(path, body, Map.of());
  }

  public Response post(String path, Object body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body)));
    headers.forEach(b::header);
    return send(b.build());
  }

  public Response patch(String path, Object body) throws Exception {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build());
  }

  public Response put(String path, Object body) throws Exception {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build());
  }

  public Response get(String path) throws Exception {
    return send(request(path).GET().build());
  }

  /** A GET that fails with an {@code HttpTimeoutException} rather than wait past {@code timeout}. */
  public Response get(String path, Duration timeout) throws Exception {
    return send(request(path).timeout(timeout).GET().build());
  }

  public Response delete(String path) throws Exception {
    return send(request(path).DELETE().build());
  }

  private Response send(HttpRequest r) throws Exception {
    HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
    JsonNode body = resp.body().isEmpty() ? null : json.readTree(resp.body());
    return new Response(resp.statusCode(), body);
  }

  /** GETs raw bytes (asserting 200). */
  public byte[] download(String path) throws Exception {
    HttpResponse<byte[]> r =
        http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + r.statusCode());
    }
    return r.body();
  }

  /** Creates a sync job and returns its id (asserting 202). */
  public String createJob(Map<String, Object> request) throws Exception {
    Response r = post("/api/v1/sync/jobs", request);
    if (r.status() != 202) {
      throw new AssertionError("expected 202, got " + r.status() + ": " + r.body());
    }
    return r.body().get("job_id").asText();
  }

  /** Polls a job until it reaches a terminal state. */
  public JsonNode awaitTerminal(String jobId, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = get("/api/v1/sync/jobs/" + jobId).body();
      if (last != null && TERMINAL.contains(last.get("state").asText())) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + jobId + " did not end within " + timeout + "; last: " + last);
  }

  /** Polls a job until {@code phase} is reached (or passed to a terminal state). */
  public JsonNode awaitPhase(String jobId, String phase, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = get("/api/v1/sync/jobs/" + jobId).body();
      if (last != null && (phase.equals(last.get("phase").asText()) || TERMINAL.contains(last.get("state").asText()))) {
        return last;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("job " + jobId + " did not reach " + phase + "; last: " + last);
  }
}
