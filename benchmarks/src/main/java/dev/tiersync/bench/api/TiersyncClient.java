package dev.tiersync.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The API as a client sees it: HTTP/1.1 with a bearer token on every request, over a fixed pool of
 * platform threads, plus one subscription to the event stream that records when each job's
 * terminal event arrives (what the UI's toast waits for).
 */
final class TiersyncClient implements AutoCloseable {
  private static final Set<String> TERMINAL = Set.of("success", "conflict", "error", "canceled");

  record Created(int status, String jobId, String body) {}

  /** A job's terminal event: when it arrived ({@link System#nanoTime}) and the job's state. */
  record Ended(long atNanos, String state) {}

  private final String base;
  private final String token;
  private final ExecutorService pool;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final ConcurrentHashMap<String, CompletableFuture<Ended>> ended = new ConcurrentHashMap<>();
  private volatile Stream<String> events;

  TiersyncClient(String base, String token, int threads) {
    this.base = base;
    this.token = token;
    this.pool = Executors.newFixedThreadPool(threads);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(pool)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** POST /api/v1/sync/jobs. */
  Created createJob(Map<String, Object> request) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            authorized("/api/v1/sync/jobs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String id = r.statusCode() == 202 ? json.readTree(r.body()).get("job_id").asText() : null;
    return new Created(r.statusCode(), id, r.body());
  }

  /** GET /api/v1/sync/jobs/{id}; returns the HTTP status (the body is read and discarded). */
  int pollJob(String jobId) throws IOException, InterruptedException {
    return http.send(authorized("/api/v1/sync/jobs/" + jobId).GET().build(), HttpResponse.BodyHandlers.ofByteArray())
        .statusCode();
  }

  /** GET /api/v1/sync/jobs/{id} as JSON. */
  JsonNode job(String jobId) throws IOException, InterruptedException {
    return json.readTree(http.send(authorized("/api/v1/sync/jobs/" + jobId).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  /** DELETE /api/v1/sync/jobs/{id}; returns the HTTP status. */
  int cancelJob(String jobId) throws IOException, InterruptedException {
    return http.send(authorized("/api/v1/sync/jobs/" + jobId).DELETE().build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** Heap in use now (sum of the heap pools), from /actuator/prometheus. */
  long heapUsedBytes() throws IOException, InterruptedException {
    String metrics =
        http.send(authorized("/actuator/prometheus").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    double sum = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return (long) sum;
  }

  /** Subscribes to GET /api/v1/sync/events; returns once the stream is open. */
  void subscribe() throws Exception {
    HttpResponse<Stream<String>> r =
        http.sendAsync(
                authorized("/api/v1/sync/events").header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines())
            .get(30, java.util.concurrent.TimeUnit.SECONDS);
    if (r.statusCode() != 200) {
      throw new IOException("GET /api/v1/sync/events answered " + r.statusCode());
    }
    events = r.body();
    Thread reader =
        new Thread(
            () -> {
              try {
                r.body().forEach(this::onLine);
              } catch (RuntimeException e) {
                // The stream was closed by close() or by the app stopping.
              }
            },
            "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void onLine(String line) {
    if (!line.startsWith("data:")) {
      return;
    }
    long now = System.nanoTime();
    try {
      JsonNode job = json.readTree(line.substring(5).trim());
      String state = job.path("state").asText();
      if (TERMINAL.contains(state)) {
        ended(job.get("job_id").asText()).complete(new Ended(now, state));
      }
    } catch (IOException e) {
      // Not a job document (a comment line never starts with "data:"); ignore it.
    }
  }

  /** The terminal event of a job, now or when it arrives. */
  CompletableFuture<Ended> ended(String jobId) {
    return ended.computeIfAbsent(jobId, k -> new CompletableFuture<>());
  }

  private HttpRequest.Builder authorized(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token);
  }

  @Override
  public void close() {
    if (events != null) {
      events.close();
    }
    pool.shutdownNow();
  }
}
