package dev.tiersync.app.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.activities.HostActivitiesImpl;
import dev.tiersync.activities.HostProjectActivitiesImpl;
import dev.tiersync.activities.LocalVersionTransfer;
import dev.tiersync.activities.VersionTransfer;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.app.artifacts.ApiClient;
import dev.tiersync.app.watch.WatchActivitiesImpl;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.TestEngine;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.CollectionsRoot;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.watch.WatchPass;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code GET /api/v1/fleet} with a host's projects, over real HTTP on the embedded Temporal
 * server: an in-process "agent" (the real host activities, its own engine, history store and
 * project root) polls host {@code laptop}'s queue; its project is a column {@code laptop:path}
 * with statuses computed from what the agent read. Once the agent stops, the column stays, from
 * the last answer, marked offline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostFleetApiTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final ArtifactId SYNCED = ArtifactId.parse("skill:alpha");
  private static final ArtifactId MODIFIED = ArtifactId.parse("skill:beta");
  private static final ArtifactId MISSING = ArtifactId.parse("skill:gamma");

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
    registry.add("tiersync.agents.hosts", () -> "laptop");
    registry.add("tiersync.agents.answer-timeout", () -> "2s");
    // The test runs the watch's passes itself.
    registry.add("SYNC_WATCH_INTERVAL", () -> "1h");
  }

  @LocalServerPort int port;
  @Autowired WorkflowClient client;
  @Autowired SyncEngine server;
  @Autowired WatchActivitiesImpl watch;

  private static TestEngine agent;

  @AfterAll
  static void closeAgent() {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void aHostsProject_isAColumnWithItsStatuses_andStaysMarkedOfflineOnceItsAgentStops() throws Exception {
    Path laptop = Files.createDirectories(TIERS.root().resolve("laptop"));
    Path root = Files.createDirectories(laptop.resolve("code"));
    Path web = Files.createDirectories(root.resolve("web/.claude")).getParent().toRealPath();
    agent = TestEngine.open(laptop.resolve("agent-data"));
    Path names = laptop.resolve("agent-data/remote-collections");
    TIERS.collection().list(
        ManifestEntry.local(SYNCED.toString()), ManifestEntry.local(MODIFIED.toString()),
        ManifestEntry.local(MISSING.toString()));
    for (ArtifactId id : List.of(SYNCED, MODIFIED, MISSING)) {
      TIERS.collection().write(id, "SKILL.md", "# " + id.name() + "\n");
    }
    VersionTransfer transfer = new LocalVersionTransfer(agent.history(), server.history());
    TierScope hostScope =
        new TierScope(
            new CollectionsRoot(names).collection("default"),
            new ScopeResolver(new CollectionsRoot(names), List.of(root)).project(web.toString()));
    deploy(hostScope, transfer, "laptop:" + web, SYNCED);
    deploy(hostScope, transfer, "laptop:" + web, MODIFIED);
    Files.writeString(hostScope.project().artifactPath(MODIFIED).resolve("SKILL.md"), "# beta, edited on the laptop\n");

    WorkerFactory agentWorkers = WorkerFactory.newInstance(client);
    Worker worker = agentWorkers.newWorker(TaskQueues.host("laptop"));
    worker.registerActivitiesImplementations(
        new HostActivitiesImpl("laptop", "test", List.of(root)),
        new HostProjectActivitiesImpl("laptop", agent.syncEngine(), List.of(root), names, transfer));
    agentWorkers.start();
    ApiClient api = new ApiClient(port);
    JsonNode online;
    WatchPass edited;
    try {
      online = api.json("/api/v1/fleet", 200);
      watch.publish("default", watch.pass("default", "pass-1").passId(), null);
      // An edit on the laptop is drift of the host's project, found by the watch through its agent.
      Files.writeString(hostScope.project().artifactPath(SYNCED).resolve("SKILL.md"), "# alpha, edited\n");
      edited = watch.pass("default", "pass-2");
      watch.publish("default", edited.passId(), null);
    } finally {
      agentWorkers.shutdownNow();
      agentWorkers.awaitTermination(10, TimeUnit.SECONDS);
    }

    String address = "laptop:" + web;
    JsonNode column = column(online, address);
    assertThat(column.get("host").asText()).isEqualTo("laptop");
    assertThat(column.get("online").asBoolean()).isTrue();
    assertThat(column.get("name").asText()).isEqualTo("web");
    String asOf = column.get("as_of").asText();
    assertThat(statuses(online, address)).containsExactly("synced", "modified", "missing");


    assertThat(edited.transitions()).as("alpha synced → modified on the laptop").isEqualTo(1);
    assertThat(watch.pass("default", "pass-3").transitions())
        .as("an offline host keeps its cells: a closed laptop is not drift")
        .isZero();

    JsonNode offline = api.json("/api/v1/fleet", 200);

    JsonNode kept = column(offline, address);
    assertThat(kept.get("online").asBoolean()).isFalse();
    assertThat(java.time.Instant.parse(kept.get("as_of").asText()))
        .as("the last answer is the watch's read after the edit")
        .isAfter(java.time.Instant.parse(asOf));
    assertThat(kept.get("offline_reason").asText()).isEqualTo(Hosts.EMBEDDED);
    assertThat(statuses(offline, address)).containsExactly("modified", "modified", "missing");
    assertThat(api.json("/api/v1/hosts", 200).get("items").get(0).get("online").asBoolean()).isFalse();
  }

  /** A first collection→project sync of {@code id}, in halves as a job runs it. */
  private void deploy(TierScope hostScope, VersionTransfer transfer, String address, ArtifactId id)
      throws Exception {
    TierScope serverScope = new TierScope(new CollectionLayout(TIERS.collection().root()), null);
    ProjectSide side = agent.syncEngine().hosted().read(hostScope, id);
    if (side.projectHash() != null) {
      transfer.upload(side.projectHash());
    }
    ArtifactPlan plan =
        server.plan(
            Direction.COLLECTION_TO_PROJECT,
            server.hosted().fetch(serverScope, id, Direction.COLLECTION_TO_PROJECT, side),
            MergeStrategy.AUTO);
    for (String hash : new String[] {plan.mergedHash(), plan.sourceHash()}) {
      if (hash != null) {
        transfer.download(hash);
      }
    }
    ArtifactResult result = agent.syncEngine().hosted().apply(hostScope, plan);
    server.hosted().deployed(serverScope, Direction.COLLECTION_TO_PROJECT, address, plan, result);
  }

  private static JsonNode column(JsonNode fleet, String address) {
    for (JsonNode p : fleet.get("projects")) {
      if (p.get("path").asText().equals(address)) {
        return p;
      }
    }
    throw new AssertionError("no column " + address + " in " + fleet.get("projects"));
  }

  /** The column's cells of the three artifacts, in the order synced, modified, missing. */
  private static List<String> statuses(JsonNode fleet, String address) {
    return List.of(SYNCED, MODIFIED, MISSING).stream()
        .map(id -> {
          for (JsonNode a : fleet.get("artifacts")) {
            if (a.get("artifact_id").asText().equals(id.toString())) {
              for (JsonNode c : a.get("cells")) {
                if (c.get("project_path").asText().equals(address)) {
                  return c.get("collection_to_project").asText();
                }
              }
            }
          }
          throw new AssertionError("no cell of " + id + " in " + address);
        })
        .toList();
  }
}
