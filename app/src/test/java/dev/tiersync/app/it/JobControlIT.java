package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.Tiers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cancel and the SSE stream over real HTTP: DELETE ends a running job and a job waiting for a
 * lock, leaving the artifact whole; every transition reaches SSE subscribers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobControlIT {
  private Path tmp;
  private Tiers ws;
  private AppProcess app;
  private Api api;

  @BeforeAll
  void start() throws Exception {
    tmp = Files.createTempDirectory("tiersync-control-");
    ws = Tiers.create(tmp);
    Map<String, String> env = new java.util.HashMap<>(TestDataHome.env(ws));
    // Structured JSON logs, as an operator shipping them to a log store would run it.
    env.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
    app = new AppProcess(tmp, env).start();
    api = new Api(app.baseUrl());
  }

  @Test
  void structuredLogs_areJsonLinesKeyedByJobIdAndTraceId() throws Exception {
    ws.addUpstreamSkill("logged", "a\n");
    String id =
        api.createJob(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:logged"), "dry_run", false));
    JsonNode job = api.awaitTerminal(id, Duration.ofSeconds(60));
    String traceId = job.get("trace_id").asText();

    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(app.log())) {
      if (line.startsWith("{")) {
        lines.add(json.readTree(line));
      }
    }
    List<JsonNode> ofJob = lines.stream().filter(l -> id.equals(l.path("job_id").asText(null))).toList();

    assertThat(lines).as("every log line of the app is JSON").hasSizeGreaterThan(10);
    assertThat(ofJob).as("lines logged while the job ran").isNotEmpty();
    assertThat(ofJob).allSatisfy(l -> assertThat(l.path("trace_id").asText()).isEqualTo(traceId));
    assertThat(ofJob).allSatisfy(l -> assertThat(l.has("@timestamp") && l.at("/log/level").isTextual() && l.has("message")).isTrue());
  }

  /** The folder's names once no staging or aside copy is left (at most 60 s). */
  private static List<String> awaitSettled(Path dir) throws Exception {
    List<String> names = List.of();
    for (int i = 0; i < 600; i++) {
      try (var list = Files.list(dir)) {
        names = list.map(p -> p.getFileName().toString()).sorted().toList();
      }
      if (names.stream().noneMatch(n -> n.startsWith(".tiersync-"))) {
        break;
      }
      Thread.sleep(100);
    }
    return names;
  }

  @AfterAll
  void stop() throws Exception {
    app.stop();
  }

  @Test
  void delete_endsARunningJobAndOneWaitingForItsLock_artifactStaysWhole() throws Exception {
    Path skill = ws.collection().path("skills/cancel-me");
    RestartContract.writeVersion(skill, "v1");
    Path project = ws.project("cancel").dir();
    Map<String, Object> request =
        Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:cancel-me"),
            "project_path", project.toString(), "dry_run", false);
    api.awaitTerminal(api.createJob(request), Duration.ofSeconds(120));
    Path target = project.resolve(".claude/skills/cancel-me");
    String v1 = Tiers.hash(target);
    RestartContract.writeVersion(skill, "v2");
    String v2 = Tiers.hash(skill);

    String running = api.createJob(request);
    api.awaitPhase(running, "apply", Duration.ofSeconds(60));
    String waiting = api.createJob(request);
    JsonNode queued = awaitWaitingReason(waiting);
    assertThat(queued.get("state").asText()).isEqualTo("queued");
    assertThat(queued.get("waiting_reason").asText()).contains("held by job " + running);

    Api.Response canceledWaiting = api.delete("/api/v1/sync/jobs/" + waiting);
    Api.Response canceledRunning = api.delete("/api/v1/sync/jobs/" + running);

    assertThat(canceledWaiting.status()).isEqualTo(200);
    assertThat(canceledWaiting.body().get("state").asText()).isEqualTo("canceled");
    JsonNode r = api.awaitTerminal(running, Duration.ofSeconds(30));
    assertThat(r.get("state").asText()).isIn("canceled", "success");
    assertThat(canceledRunning.status()).isEqualTo(200);
    // A job that does not stop within the cancel grace is terminated; its activity may still be
    // finishing the swap on the worker, so the folder is checked once that work has settled.
    assertThat(awaitSettled(target.getParent())).containsExactly("cancel-me");
    assertThat(Tiers.hash(target)).isIn(v1, v2);
    assertThat(api.delete("/api/v1/sync/jobs/job-does-not-exist").status()).isEqualTo(404);
  }

  private JsonNode awaitWaitingReason(String jobId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = api.get("/api/v1/sync/jobs/" + jobId).body();
      if (!last.get("waiting_reason").isNull()) {
        return last;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("job " + jobId + " never reported a waiting reason: " + last);
  }

  @Test
  void audit_recordsWhoWhenStrategyAndHashesOfEndedJobs() throws Exception {
    ws.addUpstreamSkill("audited", "a\n");
    String id =
        api.createJob(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:audited"),
            "dry_run", false, "strategy", "theirs"));
    api.awaitTerminal(id, Duration.ofSeconds(60));

    JsonNode page = api.get("/api/v1/audit?artifact=skill:audited").body();

    JsonNode entry = page.at("/items/0");
    assertThat(entry.get("job_id").asText()).isEqualTo(id);
    // The principal names the token by the start of its SHA-256, never the token itself.
    String tokenDigest =
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(dev.tiersync.app.TestDataHome.API_TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(entry.get("started_by").asText()).isEqualTo("token:" + tokenDigest.substring(0, 8));
    assertThat(entry.get("strategy").asText()).isEqualTo("theirs");
    assertThat(entry.get("direction").asText()).isEqualTo("upstream_to_collection");
    assertThat(entry.at("/changes/0/tier").asText()).isEqualTo("collection");
    assertThat(entry.at("/changes/0/before_hash").isNull()).isTrue();
    assertThat(entry.at("/changes/0/after_hash").asText()).isEqualTo(Tiers.hash(ws.collection().path("skills/audited")));
    assertThat(api.get("/api/v1/audit?limit=0").status()).isEqualTo(400);
  }

  @Test
  void prometheus_showsJobAndArtifactMetricsAfterRealJobs() throws Exception {
    ws.addUpstreamSkill("metered", "a\n");
    for (String dryRun : List.of("true", "false")) {
      api.awaitTerminal(
          api.createJob(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:metered"),
              "dry_run", Boolean.parseBoolean(dryRun))),
          Duration.ofSeconds(60));
    }
    assertThat(api.get("/api/v1/artifacts").status()).isEqualTo(200);

    String metrics = new String(api.download("/actuator/prometheus"), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(metric(metrics, "tiersync_jobs_completed_total{", "state=\"success\"", "direction=\"upstream_to_collection\""))
        .isGreaterThanOrEqualTo(2);
    assertThat(metric(metrics, "tiersync_job_duration_seconds_count{", "outcome=\"success\"", "direction=\"upstream_to_collection\""))
        .isGreaterThanOrEqualTo(2);
    assertThat(metric(metrics, "tiersync_jobs_queue_depth", "", "")).isZero();
    assertThat(metric(metrics, "tiersync_artifacts{", "status=\"synced\"", "")).isGreaterThanOrEqualTo(1);
    assertThat(metrics).contains("tiersync_diff_render_failures_total");
  }

  /** The value of the first sample whose line starts with {@code name} and contains both labels. */
  private static double metric(String exposition, String name, String label1, String label2) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith(name) && line.contains(label1) && line.contains(label2)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no sample " + name + " " + label1 + " " + label2 + " in:\n" + exposition);
  }

  @Test
  void events_streamEveryTransitionOfAJob() throws Exception {
    ws.addUpstreamSkill("sse", "a\n");
    EventStream stream = EventStream.subscribe(app.baseUrl());

    String id = api.createJob(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:sse"), "dry_run", false));
    api.awaitTerminal(id, Duration.ofSeconds(60));
    stream.await("job", e -> id.equals(e.get("job_id").asText()) && "success".equals(e.get("state").asText()), Duration.ofSeconds(10));
    List<JsonNode> events = stream.named("job");

    List<String> phases = events.stream().filter(e -> id.equals(e.get("job_id").asText())).map(e -> e.get("phase").asText()).toList();
    assertThat(phases).contains("fetch", "merge", "apply", "done");
    assertThat(events.stream().filter(e -> id.equals(e.get("job_id").asText())).map(e -> e.get("state").asText())).contains("running", "success");
  }
}
