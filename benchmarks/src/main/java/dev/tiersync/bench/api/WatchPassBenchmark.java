package dev.tiersync.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tiersync.bench.engine.FleetFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift watch and the fleet API at fleet scale, against the packaged app: 1,000 skills from an
 * upstream Git repository (file://, one commit), synced into the collection and deployed into 10
 * projects (11,000 watched cells). With the interval at an hour, each pass is asked for with
 * {@code POST /api/v1/watch/default/run}; nothing changes between passes, so each is the
 * steady-state pass: an upstream fetch that finds no new commit, the fleet read, the comparison and
 * the state write. Reports the pass's own duration as the app measures it ({@code last_pass_ms})
 * and the wall time from the request to the published pass, then the warm latency of {@code GET
 * /api/v1/fleet}.
 *
 * <pre>java -cp … dev.tiersync.bench.api.WatchPassBenchmark --jar app.jar --work DIR --out F [--passes N]</pre>
 */
public final class WatchPassBenchmark {
  private static final String TOKEN = "bench-token";
  static final int ARTIFACTS = 1000;
  static final int PROJECTS = 10;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private String base;

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    Map<String, Object> result = new WatchPassBenchmark().run(args);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(Path.of(args.get("out")).toFile(), result);
    System.exit(0);
  }

  private Map<String, Object> run(Map<String, String> args) throws Exception {
    int passes = Integer.parseInt(args.getOrDefault("passes", "10"));
    Path work = Path.of(args.get("work"));
    Path dir = Files.createDirectories(work.resolve("watch"));
    long t0 = System.nanoTime();
    try (FleetFixture fleet = FleetFixture.create(dir, ARTIFACTS, PROJECTS, true)) {
      // The app opens the same data dir: the fixture's history store must be closed first.
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("artifacts", ARTIFACTS);
    out.put("projects", PROJECTS);
    out.put("setup_s", (System.nanoTime() - t0) / 1_000_000_000);
    Map<String, String> env =
        Map.of(
            "TIERSYNC_HOME", dir.resolve("home").toString(),
            "TIERSYNC_COLLECTIONS", dir.resolve("collections").toString(),
            "TIERSYNC_PROJECT_ROOTS", dir.resolve("projects").toString(),
            "TIERSYNC_API_TOKENS", TOKEN,
            "SYNC_WATCH_INTERVAL", "1h");
    try (AppUnderTest app =
        AppUnderTest.start(
            Path.of(args.get("jar")), List.of("-Xmx512m"), env, work.resolve("pids"), dir.resolve("app.log"))) {
      base = app.baseUrl();
      JsonNode first = awaitPassAfter(null);
      out.put("first_pass_ms", first.get("last_pass_ms").asLong());
      out.put("cells", first.get("cells").asInt());
      Latencies server = new Latencies(passes);
      Latencies wall = new Latencies(passes);
      String last = first.get("last_pass_at").asText();
      for (int i = 0; i < passes; i++) {
        long start = System.nanoTime();
        send("POST", "/api/v1/watch/default/run");
        JsonNode pass = awaitPassAfter(last);
        wall.add(System.nanoTime() - start);
        server.add(pass.get("last_pass_ms").asLong() * 1_000_000);
        if (pass.get("transitions_last_pass").asInt() != 0) {
          throw new IllegalStateException("a steady-state pass found transitions: " + pass);
        }
        last = pass.get("last_pass_at").asText();
      }
      out.put("pass", server.summary(0));
      out.put("pass_wall", wall.summary(0));
      // Timed to the answer's last byte, as curl's time_total; the client's own parse of the 2 MB
      // document (a JVM only a few requests warm) is reported beside it, not in it.
      Latencies fleet = new Latencies(passes);
      Latencies fleetParsed = new Latencies(passes);
      for (int i = 0; i < passes + 3; i++) {
        long start = System.nanoTime();
        byte[] body = sendForBytes("/api/v1/fleet?collection=default");
        long received = System.nanoTime();
        JsonNode answer = json.readTree(body);
        if (i >= 3) {
          fleet.add(received - start);
          fleetParsed.add(System.nanoTime() - start);
        }
        if (answer.get("artifacts").size() != ARTIFACTS) {
          throw new IllegalStateException("the fleet lists " + answer.get("artifacts").size() + " artifacts");
        }
      }
      out.put("fleet_api", fleet.summary(0));
      out.put("fleet_api_with_client_parse", fleetParsed.summary(0));
    }
    return out;
  }

  /** Polls the watch until a pass published after {@code after} (null: any); its item. */
  private JsonNode awaitPassAfter(String after) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode item = send("GET", "/api/v1/watch").at("/items/0");
      JsonNode at = item.path("last_pass_at");
      if (at.isTextual() && !at.asText().equals(after)) {
        return item;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no watch pass after " + after);
  }

  private byte[] sendForBytes(String path) throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
    }
    return r.body();
  }

  private JsonNode send(String method, String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return json.readTree(r.body());
  }
}
