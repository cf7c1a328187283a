package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.DeployedArtifact;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.ProjectLayout;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sync jobs to projects on hosts, as a team runs them: a real Temporal dev server, the server
 * (which has the collection and no project), and two {@code tiersync agent} processes of the
 * packaged jar with project roots of their own (hosts {@code ann} and {@code bob}). Versions travel
 * through the server's object API. Jobs deploy to both hosts at once, bring a project's edit back
 * to the collection, merge both sides' edits, export a patch of a project's edit read by its
 * agent, refuse a folder outside an agent's roots, and, once
 * bob's agent is killed, wait for bob saying so and end in error naming it, with the lock free.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostedSyncIT {
  private static final Duration JOB = Duration.ofSeconds(120);
  private static final ArtifactId SKILL = ArtifactId.parse("skill:review");
  private static final String V1 = "# review\n\none\ntwo\nthree\nfour\nfive\n";

  private static Path tmp;
  private static Tiers ws;
  private static DevServer temporal;
  private static AppProcess server;
  private static Api api;
  private static final Map<String, AppProcess> agents = new HashMap<>();
  private static final Map<String, Path> projects = new HashMap<>();

  @BeforeAll
  static void startServerAndAgents() throws Exception {
    tmp = Files.createTempDirectory("tiersync-hosted-sync-");
    ws = Tiers.create(tmp);
    Path skill = Files.createDirectories(ws.collection().path("skills/review"));
    Files.writeString(skill.resolve("SKILL.md"), V1);
    temporal = DevServer.start(tmp);
    Map<String, String> serverEnv = new HashMap<>(TestDataHome.env(ws));
    serverEnv.put("TEMPORAL_ADDRESS", temporal.address());
    serverEnv.put("TIERSYNC_HOSTS", "ann,bob");
    serverEnv.put("TIERSYNC_HOST_WAIT", "15s");
    server = new AppProcess(Files.createDirectories(tmp.resolve("server")), serverEnv).start();
    api = new Api(server.baseUrl());
    for (String host : List.of("ann", "bob")) {
      Path root = Files.createDirectories(tmp.resolve(host + "-code"));
      Path project = Files.createDirectories(root.resolve("web/.claude")).getParent();
      projects.put(host, project.toRealPath());
      agents.put(host, AppProcess.startAgent(tmp, host, root, temporal.address(), server.baseUrl()));
    }
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
  void oneJob_deploysToProjectsOnTwoHosts_throughTheirAgents() throws Exception {
    JsonNode job = run(Map.of(
        "direction", "collection_to_project", "artifact_ids", List.of(SKILL.toString()),
        "project_paths", List.of(address("ann"), address("bob")), "dry_run", false));

    assertThat(job.get("state").asText()).as("%s", job).isEqualTo("success");
    for (String host : List.of("ann", "bob")) {
      Path copy = new ProjectLayout(projects.get(host)).artifactPath(SKILL);
      assertThat(Files.readString(copy.resolve("SKILL.md"))).isEqualTo(V1);
      assertThat(deployed(host)).as("%s's tracking entry", host).isNotNull();
      assertThat(sidecar(host).baseHash()).isEqualTo(Tiers.hash(ws.collection().artifact(SKILL)));
    }
    assertThat(job.get("artifacts")).hasSize(2);
    assertThat(Files.exists(ws.projectsRoot().resolve("web")))
        .as("the server wrote no project of its own").isFalse();
  }

  @Test
  @Order(2)
  void aProjectsEdit_goesBackToTheCollection_andItsTrackingEntryMoves() throws Exception {
    String edited = V1.replace("two", "TWO (ann)");
    Files.writeString(copy("ann").resolve("SKILL.md"), edited);

    JsonNode job = run(sync("project_to_collection", address("ann")));

    assertThat(job.get("state").asText()).as("%s", job).isEqualTo("success");
    assertThat(Files.readString(ws.collection().artifact(SKILL).resolve("SKILL.md"))).isEqualTo(edited);
    assertThat(sidecar("ann").baseHash()).isEqualTo(Tiers.hash(copy("ann")));
  }

  @Test
  @Order(3)
  void editsOnBothSides_mergeCleanly_fromTheBaseTheHostRecorded() throws Exception {
    String collection = Files.readString(ws.collection().artifact(SKILL).resolve("SKILL.md"));
    Files.writeString(ws.collection().artifact(SKILL).resolve("SKILL.md"), collection.replace("five", "FIVE (server)"));
    // Apart from the collection's edits by more than a line: git merges those cleanly too.
    Files.writeString(copy("bob").resolve("SKILL.md"), V1.replace("# review", "# review (bob)"));

    JsonNode job = run(sync("collection_to_project", address("bob")));

    assertThat(job.get("state").asText()).as("%s", job).isEqualTo("success");
    assertThat(job.get("artifacts").get(0).get("outcome").asText()).isEqualTo("merged");
    assertThat(Files.readString(copy("bob").resolve("SKILL.md")))
        .isEqualTo("# review (bob)\n\none\nTWO (ann)\nthree\nfour\nFIVE (server)\n");
  }

  @Test
  @Order(4)
  void aPatchOfAProjectOnAHost_isReadByItsAgent_andCarriesItsEdit() throws Exception {
    ArtifactId lint = ArtifactId.parse("skill:lint");
    ws.addUpstreamSkill("lint", "# lint\n\none\ntwo\n");
    assertThat(run(Map.of(
            "direction", "upstream_to_collection", "artifact_ids", List.of(lint.toString()),
            "dry_run", false)).get("state").asText())
        .isEqualTo("success");
    assertThat(run(Map.of(
            "direction", "collection_to_project", "artifact_ids", List.of(lint.toString()),
            "project_path", address("ann"), "dry_run", false)).get("state").asText())
        .isEqualTo("success");
    Path copy = new ProjectLayout(projects.get("ann")).artifactPath(lint);
    Files.writeString(copy.resolve("SKILL.md"), "# lint\n\none\ntwo\nthree (ann)\n");

    Api.Response created = api.post("/api/v1/sync/patch", Map.of(
        "artifact_ids", List.of(lint.toString()), "project_path", address("ann"), "format", "tar.gz"));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    JsonNode job = api.awaitTerminal(created.body().get("job_id").asText(), JOB);

    assertThat(job.get("state").asText()).as("%s", job).isEqualTo("success");
    assertThat(job.at("/result/base").asText()).isEqualTo("local_changes");
    assertThat(job.at("/result/trial_apply").asText()).isEqualTo("clean");
    String patch =
        entry(api.download(job.at("/result/download_url").asText()), "patches/skill-lint.patch");
    assertThat(patch)
        .contains("--- a/skills/lint/SKILL.md")
        .contains("+three (ann)")
        .doesNotContain("-one");
    Api.Response unknown = api.post("/api/v1/sync/patch", Map.of(
        "artifact_ids", List.of(lint.toString()), "project_path", "carol:/home/carol/web"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().get("field").asText()).isEqualTo("project_path");
  }

  @Test
  @Order(5)
  void aFolderOutsideTheAgentsRoots_isRefusedByTheAgent_andAnUnknownHostByTheServer() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("elsewhere/.claude")).getParent();
    JsonNode job = run(sync("collection_to_project", "ann:" + outside.toRealPath()));
    assertThat(job.get("state").asText()).isEqualTo("error");
    assertThat(job.toString()).contains("host 'ann': project_path must be inside an allowed project root");
    assertThat(Files.exists(new ProjectLayout(outside).artifactPath(SKILL))).isFalse();

    Api.Response unknown = api.post("/api/v1/sync/jobs", sync("collection_to_project", "carol:/home/carol/web"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().toString()).contains("project_path").contains("carol").contains("TIERSYNC_HOSTS");
  }

  @Test
  @Order(6)
  void aConflictInAHostsProject_isResolvedThere_andItsOwnSkillIsAdopted_andUndeployed() throws Exception {
    Path collectionCopy = ws.collection().artifact(SKILL).resolve("SKILL.md");
    String base = Files.readString(copy("ann").resolve("SKILL.md"));
    Files.writeString(collectionCopy, base.replace("three", "THREE (server)"));
    Files.writeString(copy("ann").resolve("SKILL.md"), base.replace("three", "THREE (ann)"));
    JsonNode conflicted = run(sync("collection_to_project", address("ann")));
    assertThat(conflicted.get("state").asText()).as("%s", conflicted).isEqualTo("conflict");
    assertThat(Files.readString(copy("ann").resolve("SKILL.md"))).contains("<<<<<<<");

    Api.Response resolve = api.post("/api/v1/sync/resolve", Map.of(
        "job_id", conflicted.get("job_id").asText(), "strategy", "theirs"));
    assertThat(resolve.status()).as("%s", resolve.body()).isEqualTo(202);
    JsonNode resolved = api.awaitTerminal(resolve.body().get("job_id").asText(), JOB);
    assertThat(resolved.get("state").asText()).as("%s", resolved).isEqualTo("success");
    assertThat(Files.readString(copy("ann").resolve("SKILL.md")))
        .isEqualTo(Files.readString(collectionCopy));
    assertThat(sidecar("ann").baseHash()).isEqualTo(Tiers.hash(ws.collection().artifact(SKILL)));

    // A skill only ann's project has: adopted into the collection, then taken out of the project.
    ArtifactId notes = ArtifactId.parse("skill:notes");
    Path own = Files.createDirectories(new ProjectLayout(projects.get("ann")).artifactPath(notes));
    Files.writeString(own.resolve("SKILL.md"), "# notes\n");
    Api.Response adopt = api.post("/api/v1/collections/default/adopt", Map.of(
        "project_path", address("ann"), "artifact_ids", List.of(notes.toString()), "dry_run", false));
    assertThat(adopt.status()).as("%s", adopt.body()).isEqualTo(202);
    JsonNode adopted = api.awaitTerminal(adopt.body().get("job_id").asText(), JOB);
    assertThat(adopted.get("state").asText()).as("%s", adopted).isEqualTo("success");
    assertThat(Files.readString(ws.collection().artifact(notes).resolve("SKILL.md"))).isEqualTo("# notes\n");

    Api.Response undeploy = api.post("/api/v1/sync/undeploy", Map.of(
        "project_path", address("ann"), "artifact_ids", List.of(notes.toString()), "dry_run", false));
    assertThat(undeploy.status()).as("%s", undeploy.body()).isEqualTo(202);
    JsonNode undeployed = api.awaitTerminal(undeploy.body().get("job_id").asText(), JOB);
    assertThat(undeployed.get("state").asText()).as("%s", undeployed).isEqualTo("success");
    assertThat(Files.exists(own)).isFalse();
    assertThat(DeploymentTracking.load(new ProjectLayout(projects.get("ann")).trackingFile()).find(notes))
        .isEmpty();
  }

  @Test
  @Order(7)
  void aKilledAgent_makesItsJobsWaitSayingSo_thenEndInErrorNamingTheHost_withTheLockFree() throws Exception {
    agents.get("bob").kill9();
    String first = api.createJob(sync("collection_to_project", address("bob")));
    String second = api.createJob(sync("collection_to_project", address("bob")));

    JsonNode waiting = awaitWaiting(first);
    assertThat(waiting.get("waiting_reason").asText())
        .isEqualTo("waiting for host 'bob': its agent did not answer within 5 s; the job waits up to 15 s for it");
    JsonNode ended = api.awaitTerminal(first, JOB);
    assertThat(ended.get("state").asText()).isEqualTo("error");
    assertThat(ended.toString())
        .contains("host 'bob' did not pick the job up within 15 s: its agent is offline");
    // The second job queued behind the first's lock on the same artifact: it gets the lock once
    // the first ended, so the first released it.
    JsonNode next = api.awaitTerminal(second, JOB);
    assertThat(next.get("state").asText()).isEqualTo("error");
    assertThat(next.toString()).contains("host 'bob' did not pick the job up");
  }

  private static JsonNode awaitWaiting(String jobId) throws Exception {
    long deadline = System.nanoTime() + JOB.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = api.get("/api/v1/sync/jobs/" + jobId).body();
      if (last.hasNonNull("waiting_reason") && last.get("waiting_reason").asText().contains("host")) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + jobId + " never said it waits for a host; last: " + last);
  }

  private static JsonNode run(Map<String, Object> request) throws Exception {
    return api.awaitTerminal(api.createJob(request), JOB);
  }

  private static Map<String, Object> sync(String direction, String project) {
    return Map.of(
        "direction", direction, "artifact_ids", List.of(SKILL.toString()),
        "project_path", project, "dry_run", false);
  }

  private static String address(String host) {
    return host + ":" + projects.get(host);
  }

  private static Path copy(String host) {
    return new ProjectLayout(projects.get(host)).artifactPath(SKILL);
  }

  private static DeployedArtifact deployed(String host) throws Exception {
    return DeploymentTracking.load(new ProjectLayout(projects.get(host)).trackingFile())
        .find(SKILL).orElse(null);
  }

  /** The text of one entry of a tar.gz bundle. */
  private static String entry(byte[] bundle, String name) throws Exception {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(bundle)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.getName().equals(name)) {
          return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("no entry " + name + " in the bundle");
  }

  private static DeploymentSidecar sidecar(String host) throws Exception {
    return DeploymentSidecar.load(new ProjectLayout(projects.get(host)).sidecarFile())
        .find(SKILL).orElseThrow();
  }

}
