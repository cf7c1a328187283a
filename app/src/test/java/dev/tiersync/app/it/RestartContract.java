package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 of the app in the middle of applying a large artifact, then a restart on the same data:
 * the job must end (success, or cleanly error) and the project must hold the old or the new
 * version, never a mix, with no staging leftovers. The job's record and the audit log still say
 * what the job wrote before the kill (a small artifact applied first), never "unchanged".
 */
abstract class RestartContract {
  private static final int FILES = 2500;

  abstract Map<String, String> temporalEnv(Path tmp) throws Exception;

  void close() throws Exception {}

  @Test
  void killDuringApply_thenRestart_jobEndsAndTargetIsWhole() throws Exception {
    Path tmp = Files.createTempDirectory("tiersync-restart-");
    try {
      Tiers ws = Tiers.create(tmp);
      Path skill = ws.collection().path("skills/big");
      writeVersion(skill, "v1");
      Path small = ws.collection().path("skills/a-small");
      Files.createDirectories(small);
      Files.writeString(small.resolve("SKILL.md"), "# small v1\n");
      Path project = ws.project("restart").dir();
      Map<String, String> env = new HashMap<>(TestDataHome.env(ws));
      env.putAll(temporalEnv(tmp));
      AppProcess app = new AppProcess(tmp, env).start();
      Api api = new Api(app.baseUrl());
      Map<String, Object> request =
          Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:a-small", "skill:big"),
              "project_path", project.toString(), "dry_run", false);
      assertThat(api.awaitTerminal(api.createJob(request), Duration.ofSeconds(120)).get("state").asText()).isEqualTo("success");
      Path target = project.resolve(".claude/skills/big");
      String v1 = Tiers.hash(target);
      String smallV1 = Tiers.hash(small);

      writeVersion(skill, "v2");
      Files.writeString(small.resolve("SKILL.md"), "# small v2\n");
      String smallV2 = Tiers.hash(small);
      String v2 = Tiers.hash(skill);
      String jobId = api.createJob(request);
      JsonNode atApply = api.awaitPhase(jobId, "apply", Duration.ofSeconds(60));
      assertThat(atApply.get("state").asText()).as("the kill must land while the job runs").isEqualTo("running");
      // Kill once the small artifact is written and the large one is being applied.
      JsonNode progress = atApply;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (progress.path("artifacts").size() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(10);
        progress = api.get("/api/v1/sync/jobs/" + jobId).body();
      }
      assertThat(progress.path("artifacts").size()).as("the small artifact was applied before the kill").isEqualTo(1);
      assertThat(progress.get("state").asText()).isEqualTo("running");
      Thread.sleep(150);
      app.kill9();

      String afterCrash = Tiers.hash(target);
      app.start();
      JsonNode done = api.awaitTerminal(jobId, Duration.ofSeconds(180));

      assertThat(done.get("state").asText()).isIn("success", "error");
      String finalHash = Tiers.hash(target);
      assertThat(finalHash).isIn(v1, v2);
      if (done.get("state").asText().equals("success")) {
        assertThat(finalHash).isEqualTo(v2);
      }
      assertThat(afterCrash).as("right after the crash the target is absent (between renames) or whole").isIn(null, v1, v2);
      try (Stream<Path> leftovers = Files.list(target.getParent())) {
        assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a-small", "big");
      }
      // Written before the kill or after the restart, the small artifact was updated by this job.
      JsonNode smallResult = done.at("/artifacts/0");
      assertThat(smallResult.get("artifact_id").asText()).isEqualTo("skill:a-small");
      assertThat(smallResult.get("outcome").asText()).isEqualTo("updated");
      assertThat(Tiers.hash(project.resolve(".claude/skills/a-small"))).isEqualTo(smallV2);
      JsonNode audit = awaitAudit(api, jobId);
      JsonNode change = null;
      for (JsonNode c : audit.get("changes")) {
        if (c.get("artifact_id").asText().equals("skill:a-small")) {
          change = c;
        }
      }
      assertThat(change).as("audit entry of skill:a-small in %s", audit).isNotNull();
      assertThat(change.get("outcome").asText()).isEqualTo("updated");
      assertThat(change.get("before_hash").asText()).isEqualTo(smallV1);
      assertThat(change.get("after_hash").asText()).isEqualTo(smallV2);
      app.stop();
    } finally {
      close();
    }
  }

  /**
   * Kill -9 while an add applies a large artifact from the upstream: after the restart the job
   * ends, the collection holds the artifact whole (or not at all, if the job ended in error), each
   * artifact is listed once in collection.toml and collection.lock, and no staging is left.
   */
  @Test
  void killDuringAnAdd_thenRestart_eachArtifactIsWholeAndListedOnce() throws Exception {
    Path tmp = Files.createTempDirectory("tiersync-restart-add-");
    try {
      Tiers ws = Tiers.create(tmp);
      Map<String, String> files = new HashMap<>();
      files.put("skills/a-small/SKILL.md", "# small\n");
      files.put("skills/big/SKILL.md", "# big\n");
      String body = "v1 lorem ipsum dolor sit amet\n".repeat(120);
      for (int i = 0; i < FILES; i++) {
        files.put("skills/big/ref/f" + i + ".md", body);
      }
      ws.upstream().commit("two skills", files);
      Map<String, String> env = new HashMap<>(TestDataHome.env(ws));
      env.putAll(temporalEnv(tmp));
      AppProcess app = new AppProcess(tmp, env).start();
      Api api = new Api(app.baseUrl());
      Api.Response created =
          api.post("/api/v1/collections/default/artifacts", Map.of(
              "upstream", ws.upstream().url(), "dry_run", false,
              "artifacts", List.of(Map.of("path", "skills/a-small"), Map.of("path", "skills/big"))));
      assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
      String jobId = created.body().get("job_id").asText();
      JsonNode progress = api.awaitPhase(jobId, "apply", Duration.ofSeconds(120));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (progress.path("artifacts").size() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(10);
        progress = api.get("/api/v1/sync/jobs/" + jobId).body();
      }
      assertThat(progress.get("state").asText()).as("the kill must land while the job runs").isEqualTo("running");
      Thread.sleep(150);
      app.kill9();

      app.start();
      JsonNode done = api.awaitTerminal(jobId, Duration.ofSeconds(180));

      assertThat(done.get("state").asText()).as("%s", done).isIn("success", "error");
      Path big = ws.collection().path("skills/big");
      String upstreamBig = Tiers.hash(ws.upstream().workDir().resolve("skills/big"));
      if (done.get("state").asText().equals("success")) {
        assertThat(Tiers.hash(big)).isEqualTo(upstreamBig);
        assertThat(Tiers.hash(ws.collection().path("skills/a-small"))).isNotNull();
      } else {
        assertThat(Tiers.hash(big)).isIn(null, upstreamBig);
      }
      String manifest = Files.readString(ws.collection().manifestFile());
      assertThat(manifest.split("name = \"big\"", -1)).as("big listed once").hasSize(2);
      assertThat(manifest.split("name = \"a-small\"", -1)).as("a-small listed once").hasSize(2);
      CollectionLock lock = CollectionLock.load(ws.collection().lockFile());
      if (done.get("state").asText().equals("success")) {
        assertThat(lock.entries()).hasSize(2);
      }
      for (var entry : lock.entries()) {
        assertThat(ws.collection().artifact(entry.id())).as("a lock entry names a copy on disk").exists();
      }
      try (Stream<Path> leftovers = Files.list(big.getParent())) {
        assertThat(leftovers.map(p -> p.getFileName().toString())).allMatch(n -> !n.startsWith("."));
      }
      app.stop();
    } finally {
      close();
    }
  }

  /** The audit log's entry for a job (written when the job ends). */
  private static JsonNode awaitAudit(Api api, String jobId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Api.Response r = api.get("/api/v1/audit?limit=100");
      for (JsonNode e : r.body().path("items")) {
        if (e.get("job_id").asText().equals(jobId)) {
          return e;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no audit entry for " + jobId);
  }

  /**
   * The drift watch with a short interval survives a kill -9: after the restart (the embedded
   * server starts it again from its record in the data dir; a real server resumes it) a new
   * upstream commit made while the app was down is reported as synced → outdated, measured
   * against the pass before the kill (not taken for a first look), and the artifacts list says
   * {@code outdated} without a refresh.
   */
  @Test
  void watch_survivesKill9_andReportsTheUpstreamCommitMadeMeanwhile() throws Exception {
    Path tmp = Files.createTempDirectory("tiersync-restart-watch-");
    try {
      Tiers ws = Tiers.create(tmp);
      ws.addUpstreamSkill("watched", "---\nname: watched\ndescription: d\n---\nv1\n");
      Map<String, String> env = new HashMap<>(TestDataHome.env(ws));
      env.putAll(temporalEnv(tmp));
      env.put("SYNC_WATCH_INTERVAL", "2s");
      AppProcess app = new AppProcess(tmp, env).start();
      Api api = new Api(app.baseUrl());
      Map<String, Object> sync = Map.of("direction", "upstream_to_collection", "dry_run", false);
      JsonNode synced = api.awaitTerminal(api.createJob(sync), Duration.ofSeconds(120));
      assertThat(synced.get("state").asText()).isEqualTo("success");
      awaitPassAfter(api, java.time.Instant.parse(synced.get("ended_at").asText()));

      app.kill9();
      ws.upstream().commit("v2 while the app was down", Map.of("skills/watched/SKILL.md",
          "---\nname: watched\ndescription: d\n---\nv2\n"));
      app.start();

      JsonNode drift = awaitDrift(api, "skill:watched", "outdated");
      assertThat(drift.at("/event/from").asText()).isEqualTo("synced");
      assertThat(drift.at("/event/upstream/commits/0/subject").asText()).isEqualTo("v2 while the app was down");
      JsonNode listed = api.get("/api/v1/artifacts?collection=default").body().at("/items/0");
      assertThat(listed.at("/status/upstream_to_collection").asText()).isEqualTo("outdated");
      app.stop();
    } finally {
      close();
    }
  }

  /** Waits until the default collection's watch published a pass that began after {@code t}. */
  private static void awaitPassAfter(Api api, java.time.Instant t) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode at = api.get("/api/v1/watch").body().at("/items/0/last_pass_at");
      if (at.isTextual() && java.time.Instant.parse(at.asText()).isAfter(t)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the watch made no pass after " + t);
  }

  /** Waits for the audit log's drift entry of the artifact's upstream edge going {@code to}. */
  private static JsonNode awaitDrift(Api api, String artifactId, String to) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode e : api.get("/api/v1/audit?limit=200").body().path("items")) {
        if ("drift".equals(e.path("kind").asText())
            && artifactId.equals(e.at("/event/artifact_id").asText())
            && to.equals(e.at("/event/to").asText())) {
          return e;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no drift of " + artifactId + " to " + to);
  }

  /** A large skill: many files whose every line names the version, so a mix is detectable. */
  static void writeVersion(Path skill, String version) throws Exception {
    Files.createDirectories(skill.resolve("ref"));
    Files.writeString(skill.resolve("SKILL.md"), "# big " + version + "\n");
    String body = (version + " lorem ipsum dolor sit amet\n").repeat(120);
    for (int i = 0; i < FILES; i++) {
      Files.writeString(skill.resolve("ref/f" + i + ".md"), body);
    }
  }
}
