package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.skillmeat.SkillMeatHash;
import dev.tiersync.engine.testing.UpstreamRepo;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.ManifestArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * tiersync (the packaged app, over HTTP) and the real SkillMeat 0.74 CLI (from PyPI, see {@link
 * SkillMeatCli}) on one collection of four skills from a Git upstream that is not on GitHub, with
 * edits on every side, both ways round (issue 15):
 *
 * <ol>
 *   <li>SkillMeat creates the collection and deploys; tiersync updates it from upstream and syncs
 *       to the project; SkillMeat's {@code sync-check} then reports drift only where git reasoning
 *       predicts it, and {@code list}, {@code show} and {@code status} work.
 *   <li>tiersync deploys; SkillMeat reads, checks and deploys again with no false conflict; a
 *       project edit plus a collection change on another file merges cleanly in tiersync.
 *   <li>File modes, foreign keys, tiersync's own records and metadata survive each tool's rewrite,
 *       as far as SkillMeat lets them.
 *   <li>A hold and auto-update policy (issue 18) survives SkillMeat's rewrite in tiersync's view,
 *       through the sidecar's copy, and its keys do not disturb SkillMeat.
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SkillMeatInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final List<String> SKILLS = List.of("alpha", "beta", "gamma", "delta");
  private static final String DELTA_BODY = "one\ntwo\nthree\nfour\nfive\n";

  Path tmp;
  UpstreamRepo upstream;
  Path projects;
  Path collection;
  SkillMeatCli skillmeat;
  AppProcess app;
  Api api;

  @BeforeAll
  void setUp() throws Exception {
    tmp = Files.createTempDirectory("tiersync-skillmeat-it-");
    skillmeat = SkillMeatCli.install(tmp.resolve("sm-home"));
    collection = skillmeat.collections().resolve("default");
    projects = Files.createDirectories(tmp.resolve("projects"));
    upstream = UpstreamRepo.create(tmp, "main");
    writeSkill("alpha", "SKILL.md", skillMd("alpha", "Alpha skill v1", "Use alpha.\n"));
    writeSkill("beta", "SKILL.md", skillMd("beta", "Beta: scripts and docs", "Run the script.\n"));
    writeSkill("beta", "README.md", "R\n");
    writeSkill("beta", "docs/a.md", "a\n");
    writeSkill("beta", "docs-extra/b.md", "b\n");
    writeSkill("beta", "scripts/run.sh", "#!/bin/sh\necho run\n");
    upstream.makeExecutable("skills/beta/scripts/run.sh");
    writeSkill("gamma", "SKILL.md", skillMd("gamma", "Gamma", "g1\ng2\n"));
    writeSkill("delta", "SKILL.md", skillMd("delta", "Delta", DELTA_BODY));
    String first = commitUpstream("four skills");

    skillmeat.run("init", "--name", "default", "--no-input").ok();
    for (String name : SKILLS) {
      Path source = upstream.workDir().resolve("skills").resolve(name);
      skillmeat.run("add", "skill", source.toString(), "--yes").ok();
    }
    // A user points tiersync at the upstream: origin stays "local" (SkillMeat refuses any origin
    // but local, github and marketplace), the upstream keys say where the files come from.
    CollectionManifest manifest = CollectionManifest.load(collection.resolve("collection.toml"));
    for (String name : SKILLS) {
      ManifestArtifact e = manifest.find(ArtifactId.parse("skill:" + name)).orElseThrow();
      manifest.upsert(
          new ManifestArtifact(
              e.name(), e.type(), e.path(), e.origin(), upstream.url(), "skills/" + name,
              "main", first, null, e.added(), e.lastUpdated(), e.tags()));
    }
    manifest.save(collection.resolve("collection.toml"));
    assertThat(skillmeat.run("list").ok().stdout()).contains("alpha", "beta", "gamma", "delta");

    Map<String, String> env = new HashMap<>();
    env.put("TIERSYNC_HOME", tmp.resolve("tiersync-home").toString());
    env.put("TIERSYNC_COLLECTIONS", skillmeat.collections().toString());
    env.put("TIERSYNC_PROJECT_ROOTS", projects.toString());
    env.put("TIERSYNC_API_TOKENS", dev.tiersync.app.TestDataHome.API_TOKEN);
    app = new AppProcess(tmp, env).start();
    api = new Api(app.baseUrl());
  }

  @AfterAll
  void stopApp() throws Exception {
    if (app != null) {
      app.stop();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  @Order(1)
  void skillMeatDeploys_tiersyncUpdatesAndSyncs_syncCheckSeesOnlyTheRealDrift() throws Exception {
    Path p1 = Files.createDirectories(projects.resolve("p1"));
    JsonNode deployed =
        skillmeat.run("deploy", "alpha", "beta", "gamma", "delta", "--project", p1.toString())
            .ok()
            .json();
    assertThat(deployed.get("success").asBoolean()).as("%s", deployed).isTrue();
    assertThat(syncCheck(p1)).as("right after skillmeat deploy").isEmpty();

    // Upstream: alpha gets a new description, beta a new README, delta a new first line.
    writeSkill("alpha", "SKILL.md", skillMd("alpha", "Alpha skill v2", "Use alpha, v2.\n"));
    writeSkill("beta", "README.md", "R from upstream\n");
    writeSkill(
        "delta", "SKILL.md", skillMd("delta", "Delta", DELTA_BODY.replace("one", "ONE upstream")));
    commitUpstream("upstream edits");
    // The project: beta edits another file than upstream, gamma edits its only file (gamma has no
    // upstream change), delta edits its last line.
    Path claude = p1.resolve(".claude/skills");
    Files.writeString(claude.resolve("beta/docs/a.md"), "a edited in p1\n");
    Files.writeString(
        claude.resolve("gamma/SKILL.md"), skillMd("gamma", "Gamma", "g1\ng2 edited in p1\n"));
    Files.writeString(
        claude.resolve("delta/SKILL.md"),
        skillMd("delta", "Delta", DELTA_BODY.replace("five", "FIVE in p1")));

    assertThat(outcomes(sync("upstream_to_collection", SKILLS, null)))
        .containsExactly(
            Map.entry("skill:alpha", "updated"), Map.entry("skill:beta", "updated"),
            Map.entry("skill:delta", "updated"), Map.entry("skill:gamma", "unchanged"));
    assertThat(outcomes(sync("collection_to_project", List.of("alpha", "beta", "delta"), p1)))
        .containsExactly(
            Map.entry("skill:alpha", "updated"), Map.entry("skill:beta", "merged"),
            Map.entry("skill:delta", "merged"));
    assertThat(Files.readString(claude.resolve("beta/README.md"))).isEqualTo("R from upstream\n");
    assertThat(Files.readString(claude.resolve("beta/docs/a.md"))).isEqualTo("a edited in p1\n");
    assertThat(Files.readString(claude.resolve("delta/SKILL.md")))
        .contains("ONE upstream").contains("FIVE in p1");

    // alpha: equal on both sides, no drift. beta and delta: the project kept an edit the
    // collection lacks. gamma: edited in the project only, never synced.
    assertThat(syncCheck(p1))
        .containsExactly(
            Map.entry("beta", "modified"), Map.entry("delta", "modified"),
            Map.entry("gamma", "modified"));
    for (String name : List.of("alpha", "beta", "delta")) {
      assertThat(SkillMeatHash.of(collection.resolve("skills").resolve(name)))
          .as("collection.lock of %s holds SkillMeat's hash", name)
          .isEqualTo(lockHash(name));
    }
    String status = skillmeat.run("status", "--project", p1.toString()).ok().stdout();
    assertThat(section(status, "Locally modified"))
        .contains("beta::skill", "gamma::skill", "delta::skill")
        .doesNotContain("alpha");
    assertThat(section(status, "Synced")).contains("alpha::skill");
    assertThat(skillmeat.run("list").ok().stdout()).contains("alpha", "beta", "gamma", "delta");
    assertThat(skillmeat.run("show", "alpha").ok().stdout())
        .as("the metadata of the version tiersync fetched")
        .contains("Alpha skill v2");
    assertThat(collection.resolve("collection.toml")).content().doesNotContain("origin = \"git\"");
  }

  @Test
  @Order(2)
  void tiersyncDeploys_skillMeatChecksAndDeploysAgain_noFalseConflict_andTiersyncMerges()
      throws Exception {
    Path p2 = Files.createDirectories(projects.resolve("p2"));
    assertThat(outcomes(sync("collection_to_project", SKILLS, p2)).values())
        .containsOnly("created");
    assertThat(syncCheck(p2)).as("right after tiersync's deploy").isEmpty();
    String status = skillmeat.run("status", "--project", p2.toString()).ok().stdout();
    assertThat(status).doesNotContain("Locally modified");
    assertThat(section(status, "Synced"))
        .contains("alpha::skill", "beta::skill", "gamma::skill", "delta::skill");

    // SkillMeat changes alpha in the collection and deploys it over tiersync's copy: its merge mode
    // refuses a project it thinks locally modified, so it only goes through if tiersync's record
    // is what SkillMeat would have written.
    Files.writeString(
        collection.resolve("skills/alpha/SKILL.md"),
        skillMd("alpha", "Alpha skill v3", "Use alpha, v3.\nkeep\nkeep\nline two\n"));
    skillmeat.run("update", "alpha").ok();
    SkillMeatCli.Result redeploy =
        skillmeat.run(
            "deploy", "alpha", "--project", p2.toString(), "--conflict-mode", "merge");
    assertThat(redeploy.json().get("success").asBoolean()).as("%s", redeploy).isTrue();
    assertThat(redeploy.stdout()).doesNotContain("halted_protected");
    assertThat(p2.resolve(".claude/skills/alpha/SKILL.md")).content().contains("Alpha skill v3");
    assertThat(syncCheck(p2)).isEmpty();

    // Edits on both sides, in different files (beta) and different lines (alpha, which SkillMeat
    // deployed last): tiersync merges both cleanly.
    Files.writeString(p2.resolve(".claude/skills/beta/docs/a.md"), "a edited in p2\n");
    Files.writeString(
        collection.resolve("skills/beta/docs-extra/b.md"), "b edited in the collection\n");
    Files.writeString(p2.resolve(".claude/skills/alpha/SKILL.md"),
        skillMd("alpha", "Alpha skill v3", "Use alpha, v3 (p2).\nkeep\nkeep\nline two\n"));
    Files.writeString(collection.resolve("skills/alpha/SKILL.md"),
        skillMd("alpha", "Alpha skill v3", "Use alpha, v3.\nkeep\nkeep\nline two, collection\n"));

    assertThat(outcomes(sync("collection_to_project", List.of("alpha", "beta"), p2)))
        .containsExactly(Map.entry("skill:alpha", "merged"), Map.entry("skill:beta", "merged"));
    assertThat(p2.resolve(".claude/skills/beta/docs/a.md")).content().isEqualTo("a edited in p2\n");
    assertThat(p2.resolve(".claude/skills/beta/docs-extra/b.md"))
        .content()
        .isEqualTo("b edited in the collection\n");
    assertThat(p2.resolve(".claude/skills/alpha/SKILL.md")).content()
        .contains("Use alpha, v3 (p2).").contains("line two, collection");
    assertThat(syncCheck(p2))
        .containsExactly(Map.entry("alpha", "modified"), Map.entry("beta", "modified"));
  }

  @Test
  @Order(3)
  void modesForeignKeysOwnRecordsAndMetadata_surviveEachToolsRewrite() throws Exception {
    Path p3 = Files.createDirectories(projects.resolve("p3"));
    Path tracking = p3.resolve(".claude/.skillmeat-deployed.toml");
    Path sidecar = p3.resolve(".claude/.tiersync-deployed.toml");
    Path collectionSidecar = collection.resolve(".tiersync/collection.toml");
    skillmeat.run("deploy", "gamma", "--project", p3.toString()).ok();
    assertThat(mode(tracking)).as("SkillMeat writes its files 0600").isEqualTo("rw-------");
    assertThat(mode(collection.resolve("collection.toml"))).isEqualTo("rw-------");

    // tiersync rewrites SkillMeat's files and keeps their mode; its own files are 0644.
    Files.writeString(
        tracking,
        Files.readString(tracking)
            .replace(
                "profile_root_dir = \".claude\"\n",
                "profile_root_dir = \".claude\"\nother_tool = \"kept by tiersync\"\n"));
    assertThat(outcomes(sync("collection_to_project", List.of("beta"), p3)).values())
        .containsOnly("created");
    assertThat(mode(tracking)).isEqualTo("rw-------");
    assertThat(mode(sidecar)).isEqualTo("rw-r--r--");
    assertThat(mode(collection.resolve("collection.toml"))).isEqualTo("rw-------");
    assertThat(mode(collection.resolve("collection.lock"))).isEqualTo("rw-------");
    assertThat(mode(p3.resolve(".claude/skills/beta/scripts/run.sh"))).isEqualTo("rwxr-xr-x");
    assertThat(tracking).content().contains("other_tool = \"kept by tiersync\"");

    // SkillMeat rewrites: its files drop every key it does not know (upstream_path, other_tool),
    // and never touch tiersync's sidecars, which keep tiersync's hashes and upstream_path.
    String sidecarBefore = Files.readString(sidecar);
    String collectionSidecarBefore = Files.readString(collectionSidecar);
    Path epsilon = Files.createDirectories(tmp.resolve("local/epsilon"));
    Files.writeString(epsilon.resolve("SKILL.md"), skillMd("epsilon", "Epsilon", "e\n"));
    skillmeat.run("add", "skill", epsilon.toString(), "--yes").ok();
    skillmeat.run("deploy", "epsilon", "--project", p3.toString()).ok();
    assertThat(collection.resolve("collection.toml")).content()
        .doesNotContain("upstream_path")
        .contains("description = \"Alpha skill v3\"");
    assertThat(tracking).content().doesNotContain("other_tool");
    assertThat(sidecar).content().isEqualTo(sidecarBefore);
    assertThat(collectionSidecar)
        .content()
        .isEqualTo(collectionSidecarBefore)
        .contains("upstream_path = \"skills/alpha\"");
    assertThat(mode(p3.resolve(".claude/skills/beta/scripts/run.sh"))).isEqualTo("rwxr-xr-x");

    // tiersync still knows alpha's upstream path and syncs it; SkillMeat shows the new metadata.
    writeSkill("alpha", "SKILL.md", skillMd("alpha", "Alpha skill v4", "Use alpha, v4.\n"));
    commitUpstream("alpha v4");
    JsonNode job =
        run(
            Map.of(
                "direction", "upstream_to_collection", "artifact_ids", List.of("skill:alpha"),
                "dry_run", false, "strategy", "theirs"));
    assertThat(job.get("state").asText()).as("%s", job).isEqualTo("success");
    assertThat(skillmeat.run("show", "alpha").ok().stdout()).contains("Alpha skill v4");
    assertThat(skillmeat.run("show", "epsilon").ok().stdout()).contains("Epsilon");
    assertThat(syncCheck(p3))
        .as("the skills p3 never got are 'added' to SkillMeat; the deployed ones have no drift")
        .containsExactly(Map.entry("alpha", "added"), Map.entry("delta", "added"));
  }

  // --- helpers ---

  /** sync-check's drift, name → drift_type, sorted; exit code 0 exactly when there is none. */
  private Map<String, String> syncCheck(Path project) throws Exception {
    return syncCheck(project, "default");
  }

  private Map<String, String> syncCheck(Path project, String collectionName) throws Exception {
    SkillMeatCli.Result r =
        skillmeat.run(
            "sync-check", project.toString(), "--collection", collectionName, "--format", "json");
    JsonNode json = r.json();
    // Kept in the test log: what SkillMeat itself reported at each step.
    System.out.println("skillmeat sync-check " + project.getFileName() + ": " + json);
    Map<String, String> drift = new TreeMap<>();
    for (JsonNode a : json.get("artifacts")) {
      drift.put(a.get("name").asText(), a.get("drift_type").asText());
    }
    assertThat(r.exitCode()).as("sync-check exit code, %s", r).isEqualTo(drift.isEmpty() ? 0 : 1);
    return drift;
  }

  /**
   * A collection tiersync created, artifacts it added from a Git upstream, and one it removed:
   * SkillMeat lists, deploys and checks them like its own.
   */
  @Test
  @Order(4)
  void collectionCreatedAndFilledByTiersync_isOneSkillMeatUses() throws Exception {
    assertThat(api.awaitTerminal(created(api.post("/api/v1/collections", Map.of("name", "made", "dry_run", false))), WAIT)
            .get("state").asText())
        .isEqualTo("success");
    Map<String, Object> add = Map.of(
        "upstream", upstream.url(), "ref", "main",
        "artifacts", List.of(Map.of("path", "skills/alpha"), Map.of("path", "skills/beta")),
        "dry_run", false);
    JsonNode added = api.awaitTerminal(created(api.post("/api/v1/collections/made/artifacts", add)), WAIT);
    assertThat(added.get("state").asText()).as("%s", added).isEqualTo("success");

    String listed = skillmeat.run("list", "--collection", "made").ok().stdout();
    assertThat(listed).contains("alpha", "beta");
    Path p4 = Files.createDirectories(projects.resolve("p4"));
    skillmeat.run("deploy", "alpha", "beta", "--collection", "made", "--project", p4.toString()).ok();
    assertThat(syncCheck(p4, "made")).as("SkillMeat sees what it just deployed as in sync").isEmpty();
    JsonNode status = api.get("/api/v1/artifacts?collection=made&project_path=" + java.net.URLEncoder.encode(p4.toString(), java.nio.charset.StandardCharsets.UTF_8)).body();
    for (JsonNode item : status.get("items")) {
      assertThat(item.at("/status/overall").asText()).as("%s", item).isEqualTo("synced");
    }

    JsonNode removed = api.awaitTerminal(created(api.delete("/api/v1/collections/made/artifacts/skill:beta?dry_run=false")), WAIT);
    assertThat(removed.at("/artifacts/0/outcome").asText()).as("%s", removed).isEqualTo("removed");
    String after = skillmeat.run("list", "--collection", "made").ok().stdout();
    assertThat(after).contains("alpha").doesNotContain("beta");
  }

  /**
   * A held artifact with {@code auto_update = "clean"}: SkillMeat lists, shows and deploys the
   * collection with the policy keys in it, drops them when it rewrites {@code collection.toml},
   * and tiersync still sees the artifact held and clean (the sidecar's copy).
   */
  @Test
  @Order(5)
  void heldAndCleanArtifact_staysSoInTiersyncsViewAfterSkillMeatRewritesTheCollection()
      throws Exception {
    Path manifest = collection.resolve("collection.toml");
    Api.Response put =
        api.put(
            "/api/v1/collections/default/artifacts/skill:gamma/policy",
            Map.of("hold", Map.of("reason", "frozen for the audit"), "auto_update", "clean"));
    assertThat(put.status()).as("%s", put.body()).isEqualTo(200);
    assertThat(manifest).content().contains("\nhold = true\n").contains("\nauto_update = \"clean\"\n");
    assertThat(mode(manifest)).as("the policy write keeps SkillMeat's mode").isEqualTo("rw-------");

    // SkillMeat reads the collection with tiersync's keys in it.
    assertThat(skillmeat.run("list").ok().stdout()).contains("gamma", "alpha");
    assertThat(skillmeat.run("show", "gamma").ok().stdout()).contains("gamma");
    Path p5 = Files.createDirectories(projects.resolve("p5"));
    skillmeat.run("deploy", "gamma", "--project", p5.toString()).ok();
    assertThat(p5.resolve(".claude/skills/gamma/SKILL.md")).exists();

    // SkillMeat rewrites collection.toml (another skill added) and drops the keys it does not know.
    Path zeta = Files.createDirectories(tmp.resolve("local/zeta"));
    Files.writeString(zeta.resolve("SKILL.md"), skillMd("zeta", "Zeta", "z\n"));
    skillmeat.run("add", "skill", zeta.toString(), "--yes").ok();
    assertThat(manifest).content().contains("name = \"zeta\"").doesNotContain("\nhold = true");
    assertThat(skillmeat.run("list").ok().stdout()).contains("gamma", "zeta");

    JsonNode expected = put.body();
    assertThat(expected.get("held").asBoolean()).isTrue();
    JsonNode list = api.get("/api/v1/artifacts?collection=default").body();
    JsonNode gamma = null;
    for (JsonNode item : list.get("items")) {
      if (item.get("artifact_id").asText().equals("skill:gamma")) {
        gamma = item;
      }
    }
    assertThat(gamma).as("%s", list).isNotNull();
    assertThat(gamma.get("policy")).isEqualTo(expected);
    assertThat(
            api.get("/api/v1/artifacts/skill:gamma/versions?collection=default").body().get("policy"))
        .isEqualTo(expected);

    // A change after SkillMeat's rewrite starts from the copy: the hold stays, written back.
    JsonNode off =
        api.put("/api/v1/collections/default/artifacts/skill:gamma/policy", Map.of("auto_update", "off"))
            .body();
    assertThat(off.get("held").asBoolean()).as("%s", off).isTrue();
    assertThat(off.get("hold_reason").asText()).isEqualTo("frozen for the audit");
    assertThat(off.get("auto_update").asText()).isEqualTo("off");
    assertThat(manifest).content().contains("\nhold = true\n").doesNotContain("auto_update");
    assertThat(skillmeat.run("list").ok().stdout()).contains("gamma", "zeta");
  }

  private static String created(Api.Response r) {
    assertThat(r.status()).as("%s", r.body()).isEqualTo(202);
    return r.body().get("job_id").asText();
  }

  /** The lines of `skillmeat status` under the heading that starts with {@code title}. */
  private static String section(String status, String title) {
    int start = status.indexOf(title);
    if (start < 0) {
      return "";
    }
    int end = status.indexOf("\n\n", start);
    return end < 0 ? status.substring(start) : status.substring(start, end);
  }

  private JsonNode sync(String direction, List<String> names, Path project) throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("direction", direction);
    body.put("artifact_ids", names.stream().map(n -> "skill:" + n).toList());
    body.put("dry_run", false);
    if (project != null) {
      body.put("project_path", project.toString());
    }
    JsonNode job = run(body);
    assertThat(job.get("state").asText()).as("%s", job).isIn("success");
    return job;
  }

  private JsonNode run(Map<String, Object> body) throws Exception {
    return api.awaitTerminal(api.createJob(body), WAIT);
  }

  private static Map<String, String> outcomes(JsonNode job) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode a : job.get("artifacts")) {
      out.put(a.get("artifact_id").asText(), a.get("outcome").asText());
    }
    return out;
  }

  private String lockHash(String name) throws Exception {
    return dev.tiersync.engine.tier.CollectionLock.load(collection.resolve("collection.lock"))
        .find(ArtifactId.parse("skill:" + name))
        .orElseThrow()
        .contentHash();
  }

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private static String skillMd(String name, String description, String body) {
    return "---\nname: " + name + "\ndescription: " + description + "\n---\n" + body;
  }

  private void writeSkill(String name, String file, String content) throws Exception {
    Path p = upstream.workDir().resolve("skills").resolve(name).resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private String commitUpstream(String message) throws Exception {
    return upstream.commitAll(message).name();
  }
}
