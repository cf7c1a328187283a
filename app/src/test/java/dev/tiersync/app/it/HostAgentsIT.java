package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.Tiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Host agents as users run them: a real Temporal dev server, the server, and two {@code tiersync
 * agent} processes of the same jar on this machine (hosts {@code ann} and {@code bob}), each with
 * project roots of its own. The server lists both online with their own projects; once bob's agent
 * is killed, bob is offline and asking it answers so, within the answer timeout, without hanging.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostAgentsIT {
  /** Far above the answer timeout (5 s) plus the agents' own work: a request that hangs fails. */
  private static final Duration NO_HANG = Duration.ofSeconds(60);

  private static final Duration OFFLINE_AFTER = Duration.ofSeconds(15);

  private static Path tmp;
  private static DevServer temporal;
  private static AppProcess server;
  private static Api api;
  private static final Map<String, AppProcess> agents = new HashMap<>();
  private static final Map<String, List<String>> projects = new HashMap<>();

  @BeforeAll
  static void startServerAndAgents() throws Exception {
    tmp = Files.createTempDirectory("tiersync-host-agents-");
    Tiers ws = Tiers.create(tmp);
    temporal = DevServer.start(tmp);
    Map<String, String> serverEnv = new HashMap<>(TestDataHome.env(ws));
    serverEnv.put("TEMPORAL_ADDRESS", temporal.address());
    serverEnv.put("TIERSYNC_HOSTS", "ann,bob");
    // Short, so that the third test sees a silent host; every look at the hosts asks ann, which
    // makes its agent poll again, so ann stays fresh while the tests keep looking.
    serverEnv.put("TIERSYNC_HOST_OFFLINE_AFTER", OFFLINE_AFTER.toSeconds() + "s");
    server = new AppProcess(Files.createDirectories(tmp.resolve("server")), serverEnv).start();
    api = new Api(server.baseUrl());
    projects.put("ann", List.of("web"));
    projects.put("bob", List.of("api", "tools"));
    for (String host : List.of("ann", "bob")) {
      agents.put(host, startAgent(host));
    }
  }

  /** The agent of {@code host}, with a project root holding its projects. */
  private static AppProcess startAgent(String host) throws Exception {
    Path root = Files.createDirectories(tmp.resolve(host + "-code"));
    for (String project : projects.getOrDefault(host, List.of())) {
      Files.createDirectories(root.resolve(project).resolve(".claude"));
    }
    return AppProcess.startAgent(tmp, host, root, temporal.address(), server.baseUrl());
  }

  @AfterAll
  static void stopAll() throws Exception {
    List<AutoCloseable> all = new ArrayList<>(agents.values());
    all.add(server);
    all.add(temporal);
    AppProcess.stopAll(all);
  }

  @Test
  @Order(1)
  void hosts_listsBothAgentsOnlineWithTheirOwnProjects() throws Exception {
    JsonNode hosts = awaitBothPolling();

    assertThat(hosts.get("items")).hasSize(2);
    for (String host : List.of("ann", "bob")) {
      JsonNode view = item(hosts, host);
      assertThat(view.get("online").asBoolean()).as("%s: %s", host, view).isTrue();
      assertThat(view.get("task_queue").asText()).isEqualTo("tiersync-host-" + host);
      assertThat(view.get("last_seen").asText()).isNotBlank();
      assertThat(view.get("offline_reason").isNull()).isTrue();
      assertThat(texts(view.get("project_roots"))).containsExactly(tmp.resolve(host + "-code").toString());
      assertThat(texts(view.get("projects"))).containsExactlyElementsOf(realPaths(host));
    }
    Api.Response bobProjects = api.get("/api/v1/hosts/bob/projects", NO_HANG);
    assertThat(bobProjects.status()).isEqualTo(200);
    assertThat(texts(bobProjects.body().get("projects"))).containsExactlyElementsOf(realPaths("bob"));
  }

  @Test
  @Order(2)
  void killedAgent_showsOffline_andAskingItAnswersOfflineWithoutHanging() throws Exception {
    agents.get("bob").kill9();

    JsonNode hosts = api.get("/api/v1/hosts", NO_HANG).body();
    JsonNode bob = item(hosts, "bob");
    assertThat(bob.get("online").asBoolean()).as("bob: %s", bob).isFalse();
    assertThat(bob.get("projects").isNull()).isTrue();
    assertThat(bob.get("offline_reason").asText())
        .isEqualTo("host 'bob' is offline: no agent picked its request up from task queue 'tiersync-host-bob' within 5 s");
    assertThat(item(hosts, "ann").get("online").asBoolean()).as("ann is still there").isTrue();

    Api.Response asked = api.get("/api/v1/hosts/bob/projects", NO_HANG);
    assertThat(asked.status()).isEqualTo(503);
    assertThat(asked.body().get("detail").asText()).startsWith("host 'bob' is offline");
  }

  @Test
  @Order(3)
  void silentHost_isOfflineWithoutBeingAsked_onceItsLastPollIsOlderThanTheWindow() throws Exception {
    long deadline = System.nanoTime() + NO_HANG.toNanos();
    JsonNode hosts = api.get("/api/v1/hosts", NO_HANG).body();
    while (item(hosts, "bob").get("offline_reason").asText().contains("no agent picked") && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      hosts = api.get("/api/v1/hosts", NO_HANG).body();
    }

    JsonNode bob = item(hosts, "bob");
    assertThat(bob.get("online").asBoolean()).isFalse();
    assertThat(bob.get("offline_reason").asText())
        .startsWith("host 'bob' is offline: its agent last polled task queue 'tiersync-host-bob' at " + bob.get("last_seen").asText())
        .endsWith(", more than 15 s ago");
    assertThat(item(hosts, "ann").get("online").asBoolean()).as("ann: %s", item(hosts, "ann")).isTrue();
  }

  @Test
  @Order(4)
  void agentWithoutTemporalAddress_refusesToStartSayingWhy() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("carol-code"));
    Map<String, String> env =
        new HashMap<>(AppProcess.agentEnv(tmp, "carol", root, temporal.address(), server.baseUrl()));
    env.remove("TEMPORAL_ADDRESS");
    AppProcess carol = AppProcess.agent(Files.createDirectories(tmp.resolve("agent-carol")), env);

    assertThat(carol.startExpectingExit(Duration.ofSeconds(120))).isEqualTo(1);
    assertThat(Files.readString(carol.log()))
        .contains("tiersync: the agent needs TEMPORAL_ADDRESS, the host:port of the team's Temporal cluster")
        .as("one line, no stack trace")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  /**
   * The hosts once Temporal has recorded both agents' first polls, which follow their start line
   * by a moment.
   */
  private static JsonNode awaitBothPolling() throws Exception {
    long deadline = System.nanoTime() + NO_HANG.toNanos();
    JsonNode hosts = api.get("/api/v1/hosts", NO_HANG).body();
    while (!(item(hosts, "ann").hasNonNull("last_seen") && item(hosts, "bob").hasNonNull("last_seen"))
        && System.nanoTime() < deadline) {
      Thread.sleep(250);
      hosts = api.get("/api/v1/hosts", NO_HANG).body();
    }
    return hosts;
  }

  private static JsonNode item(JsonNode hosts, String id) {
    for (JsonNode item : hosts.get("items")) {
      if (item.get("id").asText().equals(id)) {
        return item;
      }
    }
    throw new AssertionError("no host " + id + " in " + hosts);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> realPaths(String host) throws Exception {
    List<String> out = new ArrayList<>();
    for (String project : projects.get(host)) {
      out.add(tmp.resolve(host + "-code").resolve(project).toRealPath().toString());
    }
    return out;
  }
}
