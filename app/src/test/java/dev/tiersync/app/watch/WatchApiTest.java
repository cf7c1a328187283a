package dev.tiersync.app.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.app.it.Api;
import dev.tiersync.app.it.EventStream;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.testing.Tiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The drift watch over real HTTP against the whole app (embedded Temporal, SQLite), on a real
 * upstream that gets new commits while the app runs, with a webhook receiver on loopback. Passes
 * are asked for with {@code POST /api/v1/watch/{collection}/run} (the interval is an hour), so the
 * test knows which pass saw what.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchApiTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final String SECRET = "watch-test-secret";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Delivery> RECEIVED = new CopyOnWriteArrayList<>();
  private static final HttpServer RECEIVER = receiver();

  record Delivery(Map<String, List<String>> headers, byte[] body) {}

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
    registry.add("SYNC_WATCH_INTERVAL", () -> "1h");
    registry.add(
        "SYNC_WEBHOOKS", () -> "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/hook");
    registry.add("SYNC_WEBHOOK_SECRET", () -> SECRET);
  }

  @LocalServerPort int port;
  private Api api;
  private EventStream events;

  private static HttpServer receiver() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/hook",
          exchange -> {
            RECEIVED.add(
                new Delivery(
                    Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  void stop() throws IOException {
    events.close();
    RECEIVER.stop(0);
  }

  @BeforeAll
  void fleet() throws Exception {
    api = new Api("http://127.0.0.1:" + port);
    for (String name : List.of("plain", "held", "auto", "clash")) {
      TIERS.addUpstreamSkill(name, skill(name, "line one", "line two"));
    }
    awaitSuccess(api.createJob(Map.of("direction", "upstream_to_collection", "dry_run", false)));
    awaitSuccess(
        api.createJob(
            Map.of(
                "direction", "collection_to_project",
                "artifact_ids", List.of("skill:plain"),
                "project_path", TIERS.project().dir().toString(),
                "dry_run", false)));
    policy("held", "hold = true\nhold_reason = \"security review\"");
    policy("auto", "auto_update = \"clean\"");
    policy("clash", "auto_update = \"clean\"");
    TIERS.collection().write(
        id("clash"), "SKILL.md", skill("clash", "line one, edited in the collection", "line two"));
    events = EventStream.subscribe("http://127.0.0.1:" + port);
  }

  @Test
  void newUpstreamCommits_areTransitionsOnTheStreamTheWebhookAndTheAuditLog_heldLeftAlone_cleanUpdated()
      throws Exception {
    // The watch started with the app, before the fleet was made: this pass takes it in.
    JsonNode first = pass(api.get("/api/v1/watch").body().get("items").get(0).get("last_pass_at").asText(null));
    assertThat(first.get("state").asText()).isEqualTo("running");
    events.clear();

    String heldBefore = TIERS.collection().read(id("held"), "SKILL.md");
    String clashBefore = TIERS.collection().read(id("clash"), "SKILL.md");
    TIERS.upstream().commit(
        "upstream moves on",
        Map.of(
            "skills/plain/SKILL.md", skill("plain", "line one", "line two, upstream"),
            "skills/held/SKILL.md", skill("held", "line one", "line two, upstream"),
            "skills/auto/SKILL.md", skill("auto", "line one", "line two, upstream"),
            "skills/clash/SKILL.md", skill("clash", "line one, upstream's way", "line two")));
    TIERS.project().write(
        id("plain"), "SKILL.md", skill("plain", "line one, edited in the project", "line two"));

    pass(first.get("last_pass_at").asText());

    JsonNode plain = events.await("drift", e -> edge(e, "skill:plain", null), WAIT);
    assertThat(plain.get("from").asText()).isEqualTo("synced");
    assertThat(plain.get("to").asText()).isEqualTo("outdated");
    assertThat(plain.at("/upstream/commits/0/subject").asText()).isEqualTo("upstream moves on");
    String projectDir = TIERS.project().dir().toRealPath().toString();
    JsonNode project = events.await("drift", e -> edge(e, "skill:plain", projectDir), WAIT);
    assertThat(project.get("edge").asText()).isEqualTo("collection_to_project");
    assertThat(project.get("to").asText()).isEqualTo("modified");

    JsonNode held = events.await("drift", e -> edge(e, "skill:held", null), WAIT);
    assertThat(held.get("held").asBoolean()).isTrue();
    assertThat(held.get("hold_reason").asText()).isEqualTo("security review");
    assertThat(held.get("action").asText()).isEqualTo("held");

    JsonNode auto = events.await("drift", e -> edge(e, "skill:auto", null), WAIT);
    assertThat(auto.get("action").asText()).startsWith("auto_update:");
    JsonNode job = api.awaitTerminal(auto.get("action").asText().substring("auto_update:".length()), WAIT);
    assertThat(job.get("state").asText()).as("%s", job).isEqualTo("success");
    assertThat(job.at("/request/clean_only").asBoolean()).isTrue();
    assertThat(outcome(job, "skill:auto")).isEqualTo("updated");
    assertThat(job.at("/request/artifact_ids")).hasSize(1);
    JsonNode clash = events.await("drift", e -> edge(e, "skill:clash", null), WAIT);
    assertThat(clash.get("to").asText()).isEqualTo("conflict");
    assertThat(clash.get("action").asText()).isEqualTo("not_updated:conflict");
    assertThat(TIERS.collection().read(id("auto"), "SKILL.md")).contains("line two, upstream");
    assertThat(TIERS.collection().read(id("clash"), "SKILL.md"))
        .as("a conflicting artifact is left alone, no markers")
        .isEqualTo(clashBefore);
    assertThat(TIERS.collection().read(id("held"), "SKILL.md")).isEqualTo(heldBefore);

    List<JsonNode> drift = events.named("drift");
    Delivery delivery = awaitDelivery();
    assertThat(delivery.headers().get("X-tiersync-event")).containsExactly("drift");
    assertThat(delivery.headers().get("X-tiersync-signature"))
        .containsExactly("sha256=" + hmac(delivery.body()));
    JsonNode body = JSON.readTree(delivery.body());
    assertThat(body.get("collection").asText()).isEqualTo("default");
    assertThat(body.get("events")).hasSize(drift.size());

    JsonNode audit = api.get("/api/v1/audit?limit=200").body();
    assertThat(audit.findValues("kind").stream().map(JsonNode::asText)).contains("drift");
    String metrics = new String(api.download("/actuator/prometheus"), StandardCharsets.UTF_8);
    assertThat(metrics)
        .contains(
            "tiersync_drift_transitions_total{collection=\"default\",edge=\"upstream_to_collection\",to=\"outdated\"}")
        .contains(
            "tiersync_fleet_cells{collection=\"default\",edge=\"upstream_to_collection\",status=\"outdated\"} 3.0");

    // The auto-update made skill:auto synced again: the next pass says so, and only that.
    JsonNode second = api.get("/api/v1/watch").body().get("items").get(0);
    int before = events.named("drift").size();
    JsonNode third = pass(second.get("last_pass_at").asText());
    List<JsonNode> after = events.named("drift").subList(before, events.named("drift").size());
    assertThat(after)
        .extracting(e -> e.get("artifact_id").asText() + " " + e.get("to").asText())
        .containsExactly("skill:auto synced");
    // Nothing changed since: a steady state is never repeated.
    pass(third.get("last_pass_at").asText());
    assertThat(events.named("drift")).hasSize(before + 1);
  }

  @Test
  void runningAPassOfAnUnknownCollection_is404_andABadName400() throws Exception {
    assertThat(api.post("/api/v1/watch/nope/run", "{}").status()).isEqualTo(404);
    Api.Response bad = api.post("/api/v1/watch/..x/run", "{}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("field").asText()).isEqualTo("collection");
  }

  private static ArtifactId id(String name) {
    return ArtifactId.parse("skill:" + name);
  }

  private static String skill(String name, String first, String second) {
    return "---\nname: " + name + "\ndescription: d\n---\n" + first + "\n" + second + "\n";
  }

  private static boolean edge(JsonNode e, String artifact, String project) {
    return artifact.equals(e.get("artifact_id").asText())
        && (project == null
            ? e.get("project_path").isNull()
            : project.equals(e.get("project_path").asText()));
  }

  private static String outcome(JsonNode job, String artifact) {
    for (JsonNode a : job.get("artifacts")) {
      if (artifact.equals(a.get("artifact_id").asText())) {
        return a.get("outcome").asText();
      }
    }
    throw new AssertionError(artifact + " is not in " + job);
  }

  /** Asks for a pass and waits until one newer than {@code after} is published; its item. */
  private JsonNode pass(String after) throws Exception {
    assertThat(api.post("/api/v1/watch/default/run", "{}").status()).isEqualTo(202);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode item = api.get("/api/v1/watch").body().get("items").get(0);
      JsonNode at = item.get("last_pass_at");
      if (!at.isNull() && (after == null || !after.equals(at.asText()))) {
        return item;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no pass within " + WAIT);
  }

  private Delivery awaitDelivery() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline && RECEIVED.isEmpty()) {
      Thread.sleep(50);
    }
    assertThat(RECEIVED).isNotEmpty();
    return RECEIVED.get(0);
  }

  private void awaitSuccess(String jobId) throws Exception {
    JsonNode job = api.awaitTerminal(jobId, WAIT);
    assertThat(job.get("state").asText()).as("%s", job).isEqualTo("success");
  }

  /** Writes policy keys into the artifact's collection.toml entry, as a user would by hand. */
  private static void policy(String name, String keys) throws IOException {
    Path file = TIERS.collection().manifestFile();
    String toml = Files.readString(file);
    String anchor = "name = \"" + name + "\"\n";
    assertThat(toml).contains(anchor);
    Files.writeString(file, toml.replace(anchor, anchor + keys + "\n"));
  }

  private static String hmac(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
