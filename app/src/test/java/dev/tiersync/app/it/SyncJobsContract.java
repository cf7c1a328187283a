package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.Tiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Sync jobs over real HTTP against the packaged app in a real process, for each direction:
 * success, dry run (plan returned, nothing on disk changed), conflict, and error. Subclasses pick
 * the Temporal server: the embedded one or a real dev server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SyncJobsContract {
  private static final Duration WAIT = Duration.ofSeconds(60);

  Path tmp;
  Tiers ws;
  AppProcess app;
  Api api;

  /** Extra environment for the app (e.g. TEMPORAL_ADDRESS). */
  abstract Map<String, String> temporalEnv() throws Exception;

  @BeforeAll
  void startApp() throws Exception {
    tmp = Files.createTempDirectory("tiersync-it-");
    ws = Tiers.create(tmp);
    Map<String, String> env = new HashMap<>(TestDataHome.env(ws));
    env.putAll(temporalEnv());
    app = new AppProcess(tmp, env).start();
    api = new Api(app.baseUrl());
  }

  /** Runs last: every job above has ended, and none may leave its staging or scratch files behind. */
  @Test
  @Order(Integer.MAX_VALUE)
  void endedJobs_leaveNoStagingScratchOrTempFiles() throws Exception {
    JsonNode page = api.get("/api/v1/sync/jobs?limit=200").body();
    assertThat(page.get("total").asInt()).as("the jobs of the other tests").isGreaterThan(10);
    for (JsonNode job : page.get("items")) {
      api.awaitTerminal(job.get("job_id").asText(), WAIT);
    }
    try (Stream<Path> walk = Files.walk(tmp)) {
      List<Path> leftovers =
          walk.filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(".tiersync-staging.") || n.startsWith(".tiersync-old.")
                        || n.contains(".work-") || n.contains(".tmp");
                  })
              .toList();
      assertThat(leftovers).isEmpty();
    }
  }

  @AfterAll
  void stopApp() throws Exception {
    if (app != null) {
      app.stop();
    }
    // The workspace is left in place when a test failed elsewhere would want the app log;
    // the system temp folder is cleaned by the OS.
  }

  @Test
  void upstreamToCollection_dryRunThenApplyThenConflict() throws Exception {
    ws.addUpstreamSkill("u2c", "a\nb\nc\n");
    String before = ws.fingerprint();

    JsonNode dry = run(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:u2c")));
    assertThat(dry.get("state").asText()).isEqualTo("success");
    assertThat(dry.at("/plans/0/action").asText()).isEqualTo("create");
    assertThat(dry.at("/plans/0/files_added/0").asText()).isEqualTo("SKILL.md");
    assertThat(ws.fingerprint()).as("a dry run writes nothing").isEqualTo(before);

    JsonNode applied = run(apply(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:u2c"))));
    assertThat(applied.get("state").asText()).isEqualTo("success");
    assertThat(applied.at("/artifacts/0/outcome").asText()).isEqualTo("created");
    assertThat(Files.readString(ws.collection().path("skills/u2c/SKILL.md"))).isEqualTo("a\nb\nc\n");

    ws.upstream().commit("edit u2c", Map.of("skills/u2c/SKILL.md", "a\nUP\nc\n"));
    Files.writeString(ws.collection().path("skills/u2c/SKILL.md"), "a\nCOL\nc\n");
    JsonNode conflict = run(apply(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:u2c"))));
    assertThat(conflict.get("state").asText()).isEqualTo("conflict");
    assertThat(conflict.at("/conflicts/0/path").asText()).isEqualTo("SKILL.md");
    assertThat(Files.readString(ws.collection().path("skills/u2c/SKILL.md")))
        .isEqualTo("a\n<<<<<<< collection\nCOL\n||||||| base\nb\n=======\nUP\n>>>>>>> upstream\nc\n");
  }

  @Test
  void upstreamToCollection_missingUpstreamRepository_isNotFoundAndNotRetried() throws Exception {
    ws.collection().list(ManifestEntry.upstreamSkill("gone", "file://" + tmp.resolve("no-such-repo.git")));
    JsonNode job = run(apply(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:gone"))));
    assertThat(job.get("state").asText()).isEqualTo("error");
    assertThat(job.get("log_excerpt").asText())
        .contains("(not retried)")
        .contains("not found")
        .doesNotContain("after 2 attempts")
        .contains("no-such-repo.git");
    assertThat(ws.collection().path("skills/gone")).doesNotExist();
  }

  @Test
  void upstreamToCollection_unreachableUpstream_retriesOnceThenErrors() throws Exception {
    ws.collection().list(ManifestEntry.upstreamSkill("down", "http://127.0.0.1:1/team/skills.git"));
    JsonNode job = run(apply(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:down"))));
    assertThat(job.get("state").asText()).isEqualTo("error");
    assertThat(job.get("log_excerpt").asText()).contains("error (after 2 attempts)").contains("127.0.0.1");
    assertThat(ws.collection().path("skills/down")).doesNotExist();
  }

  @Test
  void collectionToProject_dryRunThenApplyThenConflict() throws Exception {
    ws.addUpstreamSkill("c2p", "a\nb\nc\n");
    run(apply(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:c2p"))));
    Path project = ws.project("c2p").dir();
    String before = Tiers.hash(project);

    JsonNode dry = run(Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:c2p"), "project_path", project.toString()));
    assertThat(dry.at("/plans/0/action").asText()).isEqualTo("create");
    assertThat(Tiers.hash(project)).isEqualTo(before);

    JsonNode applied = run(apply(Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:c2p"), "project_path", project.toString())));
    assertThat(applied.get("state").asText()).isEqualTo("success");
    Path deployed = project.resolve(".claude/skills/c2p/SKILL.md");
    assertThat(Files.readString(deployed)).isEqualTo("a\nb\nc\n");
    assertThat(Files.readString(project.resolve(".claude/.skillmeat-deployed.toml"))).contains("artifact_name = \"c2p\"");

    Files.writeString(deployed, "a\nPROJ\nc\n");
    Files.writeString(ws.collection().path("skills/c2p/SKILL.md"), "a\nCOL\nc\n");
    JsonNode conflict = run(apply(Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:c2p"), "project_path", project.toString())));
    assertThat(conflict.get("state").asText()).isEqualTo("conflict");
    assertThat(Files.readString(deployed)).startsWith("a\n<<<<<<< project\nPROJ\n||||||| base\nb\n=======\nCOL\n>>>>>>> collection\n");
  }

  @Test
  void collectionToProject_linkLeavingTheArtifact_isAnErrorNotRetried() throws Exception {
    ws.addUpstreamSkill("evil", "a\n");
    run(apply(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:evil"))));
    Files.createSymbolicLink(ws.collection().path("skills/evil/leak"), Path.of("../../../../etc/passwd"));
    Path project = ws.project("evil").dir();

    JsonNode job = run(apply(Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:evil"), "project_path", project.toString())));

    assertThat(job.get("state").asText()).isEqualTo("error");
    assertThat(job.at("/artifacts/0/outcome").asText()).isEqualTo("error");
    assertThat(job.at("/artifacts/0/reason").asText()).contains("points outside its artifact").contains("(not retried)");
    assertThat(project.resolve(".claude/skills/evil")).doesNotExist();
  }

  @Test
  void projectToCollection_dryRunThenApplyThenConflict() throws Exception {
    ws.addUpstreamSkill("p2c", "a\nb\nc\n");
    run(apply(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:p2c"))));
    Path project = ws.project("p2c").dir();
    run(apply(Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:p2c"), "project_path", project.toString())));
    Path deployed = project.resolve(".claude/skills/p2c/SKILL.md");
    Files.writeString(deployed, "a\nb\nc\nlocal fix\n");
    String before = ws.fingerprint();

    JsonNode dry = run(Map.of("direction", "project_to_collection", "artifact_ids", List.of("skill:p2c"), "project_path", project.toString()));
    assertThat(dry.at("/plans/0/action").asText()).isEqualTo("update");
    assertThat(dry.at("/plans/0/files_modified/0").asText()).isEqualTo("SKILL.md");
    assertThat(ws.fingerprint()).isEqualTo(before);

    JsonNode applied = run(apply(Map.of("direction", "project_to_collection", "artifact_ids", List.of("skill:p2c"), "project_path", project.toString())));
    assertThat(applied.at("/artifacts/0/outcome").asText()).isEqualTo("updated");
    assertThat(Files.readString(ws.collection().path("skills/p2c/SKILL.md"))).isEqualTo("a\nb\nc\nlocal fix\n");

    Files.writeString(deployed, "X\nb\nc\nlocal fix\n");
    Files.writeString(ws.collection().path("skills/p2c/SKILL.md"), "Y\nb\nc\nlocal fix\n");
    JsonNode conflict = run(apply(Map.of("direction", "project_to_collection", "artifact_ids", List.of("skill:p2c"), "project_path", project.toString())));
    assertThat(conflict.get("state").asText()).isEqualTo("conflict");
    assertThat(Files.readString(ws.collection().path("skills/p2c/SKILL.md"))).startsWith("<<<<<<< collection\nY\n||||||| base\na\n=======\nX\n>>>>>>> project\n");
  }

  @Test
  void idempotencyKey_repeatReturnsTheSameJob_differentBodyIs409() throws Exception {
    ws.addUpstreamSkill("idem", "a\n");
    Map<String, Object> body = Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:idem"));
    Api.Response first = api.post("/api/v1/sync/jobs", body, Map.of("Idempotency-Key", "k-1"));
    Api.Response again = api.post("/api/v1/sync/jobs", body, Map.of("Idempotency-Key", "k-1"));
    Api.Response other =
        api.post("/api/v1/sync/jobs", Map.of("direction", "upstream_to_collection"), Map.of("Idempotency-Key", "k-1"));

    assertThat(first.status()).isEqualTo(202);
    assertThat(again.body().get("job_id").asText()).isEqualTo(first.body().get("job_id").asText());
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.body().get("field").asText()).isEqualTo("Idempotency-Key");
  }

  @Test
  void jobsList_filtersByStateDirectionAndArtifact() throws Exception {
    ws.addUpstreamSkill("listed", "a\n");
    String id = run(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:listed"))).get("job_id").asText();

    JsonNode page = api.get("/api/v1/sync/jobs?artifact=skill:listed&direction=upstream_to_collection&state=success&limit=5").body();

    assertThat(page.get("total").asLong()).isEqualTo(1);
    assertThat(page.at("/items/0/job_id").asText()).isEqualTo(id);
    assertThat(api.get("/api/v1/sync/jobs?limit=0").status()).isEqualTo(400);
  }

  @Test
  void resolve_theirsOursAndAuto_overHttp() throws Exception {
    ws.addUpstreamSkill("res", "a\nb\nc\n");
    run(apply(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:res"))));
    Path project = ws.project("res").dir();
    Map<String, Object> sync =
        apply(Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:res"), "project_path", project.toString()));
    run(sync);
    Path deployed = project.resolve(".claude/skills/res/SKILL.md");
    Files.writeString(deployed, "a\nPROJ\nc\n");
    Files.writeString(ws.collection().path("skills/res/SKILL.md"), "a\nCOL\nc\n");
    String conflicted = run(sync).get("job_id").asText();

    JsonNode theirs = resolve(Map.of("job_id", conflicted, "strategy", "theirs"));
    assertThat(theirs.get("kind").asText()).isEqualTo("resolve");
    assertThat(theirs.get("state").asText()).isEqualTo("success");
    assertThat(theirs.get("unresolved_files")).isEmpty();
    assertThat(Files.readString(deployed)).isEqualTo("a\nCOL\nc\n");

    JsonNode ours = resolve(Map.of("job_id", conflicted, "strategies", Map.of("skill:res", "ours")));
    assertThat(ours.get("state").asText()).isEqualTo("success");
    assertThat(Files.readString(deployed)).isEqualTo("a\nPROJ\nc\n");

    Files.writeString(ws.collection().path("skills/res/SKILL.md"), "a\nCOL2\nc\n");
    String again = run(sync).get("job_id").asText();
    JsonNode stillMarked = resolve(Map.of("job_id", again));
    assertThat(stillMarked.get("state").asText()).isEqualTo("conflict");
    assertThat(stillMarked.get("unresolved_files").get(0).asText()).isEqualTo("skill:res/SKILL.md");

    Files.writeString(deployed, "a\nPROJ and COL2\nc\n");
    JsonNode accepted =
        resolve(Map.of("artifact_ids", List.of("skill:res"), "direction", "collection_to_project",
            "project_path", project.toString(), "strategy", "auto"));
    assertThat(accepted.get("state").asText()).isEqualTo("success");
    assertThat(accepted.at("/artifacts/0/outcome").asText()).isEqualTo("merged");
    assertThat(Files.readString(deployed)).isEqualTo("a\nPROJ and COL2\nc\n");

    Api.Response bad = api.post("/api/v1/sync/resolve", Map.of("job_id", conflicted, "strategy", "mine"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("field").asText()).isEqualTo("strategy");
  }

  @Test
  void patch_bundleDownloadsWithItsSha256_andAppliesToUpstreamAtBase() throws Exception {
    ws.addUpstreamSkill("pat", "a\nb\nc\n");
    run(apply(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:pat"))));
    Path project = ws.project("pat").dir();
    run(apply(Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:pat"), "project_path", project.toString())));
    Files.writeString(project.resolve(".claude/skills/pat/SKILL.md"), "a\nb\nc\nimproved in the project\n");
    Files.writeString(project.resolve(".claude/skills/pat/extra.md"), "new file\n");

    Api.Response created =
        api.post("/api/v1/sync/patch", Map.of("artifact_ids", List.of("skill:pat"), "project_path", project.toString(), "format", "tar.gz"));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    JsonNode job = api.awaitTerminal(created.body().get("job_id").asText(), WAIT);

    assertThat(job.get("kind").asText()).isEqualTo("patch");
    assertThat(job.get("state").asText()).as("%s", job).isEqualTo("success");
    assertThat(job.at("/result/trial_apply").asText()).isEqualTo("clean");
    assertThat(job.at("/result/base").asText()).as("the default base").isEqualTo("local_changes");
    assertThat(job.at("/result/github_pr_url").isMissingNode()).as("not a github.com upstream").isTrue();
    byte[] bundle = api.download(job.at("/result/download_url").asText());
    assertThat(bundle).hasSize(Integer.parseInt(job.at("/result/size_bytes").asText()));
    assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bundle)))
        .isEqualTo(job.at("/result/sha256").asText());

    Path unpacked = tmp.resolve("unpacked-pat");
    Files.createDirectories(unpacked);
    Path archive = unpacked.resolve("bundle.tar.gz");
    Files.write(archive, bundle);
    exec(unpacked, "tar", "xzf", archive.toString());
    Path clone = tmp.resolve("clone-pat");
    exec(tmp, "git", "clone", "-q", ws.upstream().bareDir().toString(), clone.toString());
    String patchFile = unpacked.resolve("patches/skill-pat.patch").toString();
    exec(clone, "git", "apply", "--check", patchFile);
    exec(clone, "git", "apply", patchFile);
    assertThat(Tiers.hash(clone.resolve("skills/pat"))).isEqualTo(Tiers.hash(project.resolve(".claude/skills/pat")));

    Api.Response bad = api.post("/api/v1/sync/patch", Map.of("artifact_ids", List.of("skill:pat"), "project_path", project.toString(), "format", "rar"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("field").asText()).isEqualTo("format");

    Api.Response whole =
        api.post("/api/v1/sync/patch", Map.of("artifact_ids", List.of("skill:pat"), "project_path", project.toString(), "base", "upstream_head"));
    assertThat(whole.status()).as("%s", whole.body()).isEqualTo(202);
    JsonNode wholeJob = api.awaitTerminal(whole.body().get("job_id").asText(), WAIT);
    assertThat(wholeJob.at("/result/base").asText()).isEqualTo("upstream_head");
    Api.Response bogus =
        api.post("/api/v1/sync/patch", Map.of("artifact_ids", List.of("skill:pat"), "project_path", project.toString(), "base", "bogus"));
    assertThat(bogus.status()).isEqualTo(400);
    assertThat(bogus.body().get("field").asText()).isEqualTo("base");
  }

  JsonNode resolve(Map<String, Object> body) throws Exception {
    Api.Response r = api.post("/api/v1/sync/resolve", body);
    assertThat(r.status()).as("resolve answered %s", r.body()).isEqualTo(202);
    return api.awaitTerminal(r.body().get("job_id").asText(), WAIT);
  }

  JsonNode run(Map<String, Object> request) throws Exception {
    return api.awaitTerminal(api.createJob(request), WAIT);
  }

  static Map<String, Object> apply(Map<String, Object> request) {
    Map<String, Object> m = new HashMap<>(request);
    m.put("dry_run", false);
    return m;
  }

  /** Runs a command in {@code dir}, away from the user's git config; fails with its output. */
  private static void exec(Path dir, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }
}
