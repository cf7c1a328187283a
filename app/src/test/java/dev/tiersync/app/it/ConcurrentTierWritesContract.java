package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.skillmeat.SkillMeatHash;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.DeploymentTracking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Twenty-two real jobs at once, each on a different artifact of one collection and one project, in
 * each direction: every job's entry in the shared tier files ({@code collection.toml}'s {@code
 * resolved_sha}, {@code collection.lock}, the project's tracking file) is there and right
 * afterwards, and the next sync of every artifact, with both sides changed, is a clean three-way
 * merge. Subclasses choose the Temporal server and how many app instances share the data folder.
 */
abstract class ConcurrentTierWritesContract {
  private static final int N = 22;
  private static final String BODY = "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\n";
  private static final String PROJECT_BODY = "line 1\nline 2\nline 3\nline 4 (project)\nline 5\nline 6\n";

  /** Environment of the servers the apps use: Temporal, and the job store's database if any. */
  abstract Map<String, String> temporalEnv(Path tmp) throws Exception;

  /** How many app processes share the data folder (jobs are spread over them). */
  abstract int instances();

  void closeServer() throws Exception {}

  @AfterEach
  void tearDown() throws Exception {
    closeServer();
  }

  @Test
  void concurrentJobsOnDifferentArtifacts_loseNoTierEntry() throws Exception {
    Path tmp = Files.createTempDirectory("tiersync-tier-writes-");
    Tiers ws = Tiers.create(tmp);
    List<String> names = new ArrayList<>();
    Map<String, String> skills = new HashMap<>();
    for (int i = 0; i < N; i++) {
      String name = "skill-" + i;
      names.add(name);
      skills.put("skills/" + name + "/SKILL.md", name + "\n" + BODY);
      ws.collection().list(ws.upstreamSkill(name));
    }
    ws.upstream().commit("add skills", skills);
    List<AppProcess> apps = new ArrayList<>();
    try {
      List<Api> apis = start(ws, apps);
      String project = ws.project().dir().toString();

      assertThat(runAtOnce(apis, names, "upstream_to_collection", project)).containsOnly("created");
      String head = upstreamHead(ws);
      CollectionManifest manifest = CollectionManifest.load(ws.collection().manifestFile());
      CollectionLock lock = CollectionLock.load(ws.collection().lockFile());
      for (String name : names) {
        ArtifactId id = ArtifactId.parse("skill:" + name);
        assertThat(manifest.find(id).orElseThrow().resolvedSha()).as("resolved_sha of %s", name).isEqualTo(head);
        assertThat(lock.find(id)).as("collection.lock entry of %s", name).isPresent();
        assertThat(lock.find(id).orElseThrow().contentHash())
            .as("collection.lock hash of %s (SkillMeat's hash)", name)
            .isEqualTo(SkillMeatHash.of(ws.collection().path("skills/" + name)));
      }

      assertThat(runAtOnce(apis, names, "collection_to_project", project)).containsOnly("created");
      assertTracking(ws, names);

      for (String name : names) {
        Files.writeString(ws.project().path("skills/" + name).resolve("SKILL.md"), name + "\n" + BODY + "from the project\n");
      }
      assertThat(runAtOnce(apis, names, "project_to_collection", project)).containsOnly("updated");
      assertTracking(ws, names);

      // Both sides of both edges change different lines: every job finds its base and merges.
      Map<String, String> edits = new HashMap<>();
      for (String name : names) {
        edits.put("skills/" + name + "/SKILL.md", name + " (upstream)\n" + BODY);
      }
      ws.upstream().commit("edit first lines", edits);
      assertThat(runAtOnce(apis, names, "upstream_to_collection", project)).containsOnly("merged");
      for (String name : names) {
        Files.writeString(
            ws.project().path("skills/" + name).resolve("SKILL.md"), name + "\n" + PROJECT_BODY + "from the project\n");
      }
      assertThat(runAtOnce(apis, names, "collection_to_project", project)).containsOnly("merged");
      for (String name : names) {
        assertThat(Files.readString(ws.project().path("skills/" + name).resolve("SKILL.md")))
            .isEqualTo(name + " (upstream)\n" + PROJECT_BODY + "from the project\n");
      }
      assertTracking(ws, names);
      try (Stream<Path> files = Files.walk(tmp.resolve("projects"))) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .noneMatch(n -> n.startsWith(".tiersync-staging") || n.startsWith(".tiersync-old"));
      }
    } finally {
      for (AppProcess app : apps) {
        app.close();
      }
    }
  }

  /**
   * Collection changes at once on one collection and one project: adds, then pins, then removes of
   * some artifacts together with undeploys of the others. Every job's entry is there (or gone)
   * afterwards, and nobody else's was lost.
   */
  @Test
  void concurrentCollectionChanges_loseNoTierEntry() throws Exception {
    int n = 12;
    Tiers ws = tiersWithSkills("tiersync-collection-changes-", n);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("skill-" + i);
    }
    List<AppProcess> apps = new ArrayList<>();
    try {
      List<Api> apis = start(ws, apps);
      String project = ws.project().dir().toString();
      String url = ws.upstream().url();
      List<Call> adds = new ArrayList<>();
      for (String name : names) {
        adds.add(api -> api.post("/api/v1/collections/default/artifacts", Map.of(
            "upstream", url, "ref", "v1", "path", "skills/" + name, "dry_run", false)));
      }
      assertThat(callAtOnce(apis, adds)).containsOnly("created");
      CollectionManifest manifest = CollectionManifest.load(ws.collection().manifestFile());
      assertThat(manifest.artifacts()).hasSize(n);
      assertThat(CollectionLock.load(ws.collection().lockFile()).entries()).hasSize(n);

      ws.upstream().commit("move on", Map.of("README.md", "later\n"));
      List<Call> pins = new ArrayList<>();
      for (String name : names) {
        pins.add(api -> api.patch("/api/v1/collections/default/artifacts/skill:" + name, Map.of(
            "version_spec", "main", "dry_run", false)));
      }
      assertThat(callAtOnce(apis, pins)).containsOnly("unchanged");
      manifest = CollectionManifest.load(ws.collection().manifestFile());
      for (String name : names) {
        assertThat(manifest.find(ArtifactId.parse("skill:" + name)).orElseThrow().versionSpec())
            .as("version_spec of %s", name).isEqualTo("main");
      }
      assertThat(runAtOnce(apis, names, "collection_to_project", project)).containsOnly("created");

      List<Call> takeOuts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String id = "skill:" + names.get(i);
        takeOuts.add(
            i % 2 == 0
                ? api -> api.delete("/api/v1/collections/default/artifacts/" + id + "?dry_run=false")
                : api -> api.post("/api/v1/sync/undeploy", Map.of(
                    "artifact_ids", List.of(id), "project_path", project, "dry_run", false)));
      }
      assertThat(callAtOnce(apis, takeOuts)).containsOnly("removed");
      manifest = CollectionManifest.load(ws.collection().manifestFile());
      CollectionLock lock = CollectionLock.load(ws.collection().lockFile());
      DeploymentTracking tracking = DeploymentTracking.load(ws.project().trackingFile());
      for (int i = 0; i < n; i++) {
        ArtifactId id = ArtifactId.parse("skill:" + names.get(i));
        boolean removed = i % 2 == 0;
        assertThat(manifest.find(id).isPresent()).as("collection.toml entry of %s", id).isEqualTo(!removed);
        assertThat(lock.find(id).isPresent()).as("collection.lock entry of %s", id).isEqualTo(!removed);
        assertThat(tracking.find(id).isPresent()).as("tracking entry of %s", id).isEqualTo(removed);
        assertThat(Files.exists(ws.collection().path("skills/" + names.get(i)))).isEqualTo(!removed);
        assertThat(Files.exists(ws.project().path("skills/" + names.get(i)))).isEqualTo(removed);
      }
    } finally {
      for (AppProcess app : apps) {
        app.close();
      }
    }
  }

  /**
   * Policy writes through the API (not jobs: written at once under the collection's writer lock)
   * at the same time as add and pin jobs on other artifacts of the same collection: every entry,
   * every pin and every policy is there afterwards, in {@code collection.toml} and the sidecar.
   */
  @Test
  void policyWritesDuringAddsAndPins_loseNoEntryAndNoPolicy() throws Exception {
    int n = 6;
    Tiers ws = tiersWithSkills("tiersync-policy-writes-", 3 * n);
    List<AppProcess> apps = new ArrayList<>();
    try {
      List<Api> apis = start(ws, apps);
      String url = ws.upstream().url();
      // skill-0..n-1 get policies, skill-n..2n-1 are pinned, skill-2n..3n-1 are added meanwhile.
      List<Call> first = new ArrayList<>();
      for (int i = 0; i < 2 * n; i++) {
        String path = "skills/skill-" + i;
        first.add(api -> api.post("/api/v1/collections/default/artifacts", Map.of(
            "upstream", url, "ref", "v1", "path", path, "dry_run", false)));
      }
      assertThat(callAtOnce(apis, first)).containsOnly("created");

      ExecutorService pool = Executors.newFixedThreadPool(3 * n);
      try {
        List<Future<String>> done = new ArrayList<>();
        for (int i = 0; i < 3 * n; i++) {
          Api api = apis.get(i % apis.size());
          String name = "skill-" + i;
          int kind = i / n;
          done.add(pool.submit(() -> switch (kind) {
            case 0 -> policies(api, name);
            case 1 -> job(api, api.patch("/api/v1/collections/default/artifacts/skill:" + name,
                Map.of("version_spec", "main", "dry_run", false)));
            default -> job(api, api.post("/api/v1/collections/default/artifacts", Map.of(
                "upstream", url, "ref", "v1", "path", "skills/" + name, "dry_run", false)));
          }));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : done) {
          outcomes.add(f.get());
        }
        assertThat(outcomes.subList(0, n)).containsOnly("held, clean");
        assertThat(outcomes.subList(n, 2 * n)).containsOnly("unchanged");
        assertThat(outcomes.subList(2 * n, 3 * n)).containsOnly("created");
      } finally {
        pool.shutdownNow();
      }

      CollectionManifest manifest = CollectionManifest.load(ws.collection().manifestFile());
      var copies =
          CollectionSidecar.policies(CollectionSidecar.load(ws.collection().layout().sidecarFile()));
      assertThat(manifest.artifacts()).hasSize(3 * n);
      assertThat(CollectionLock.load(ws.collection().lockFile()).entries()).hasSize(3 * n);
      for (int i = 0; i < 3 * n; i++) {
        ArtifactId id = ArtifactId.parse("skill:skill-" + i);
        var policy = manifest.policy(id);
        assertThat(policy.hold()).as("hold of %s", id).isEqualTo(i < n);
        assertThat(copies.find(id).isPresent()).as("sidecar copy of %s", id).isEqualTo(i < n);
        if (i < n) {
          assertThat(policy.holdReason()).isEqualTo("reason of skill-" + i);
          assertThat(policy.autoUpdate().id()).isEqualTo("clean");
          assertThat(copies.find(id).orElseThrow().policy()).isEqualTo(policy);
        }
        assertThat(manifest.find(id).orElseThrow().versionSpec())
            .as("version_spec of %s", id)
            .isEqualTo(i >= n && i < 2 * n ? "main" : "v1");
      }
    } finally {
      for (AppProcess app : apps) {
        app.close();
      }
    }
  }

  /** Holds the artifact, then sets auto_update clean: two writes, each answered 200. */
  private static String policies(Api api, String name) throws Exception {
    String path = "/api/v1/collections/default/artifacts/skill:" + name + "/policy";
    Api.Response held = api.put(path, Map.of("hold", Map.of("reason", "reason of " + name)));
    assertThat(held.status()).as("%s", held.body()).isEqualTo(200);
    Api.Response clean = api.put(path, Map.of("auto_update", "clean"));
    assertThat(clean.status()).as("%s", clean.body()).isEqualTo(200);
    return (clean.body().get("held").asBoolean() ? "held" : "not held")
        + ", " + clean.body().get("auto_update").asText();
  }

  /** The outcome of the job a request created, once it succeeded. */
  private static String job(Api api, Api.Response created) throws Exception {
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    JsonNode job = api.awaitTerminal(created.body().get("job_id").asText(), Duration.ofMinutes(3));
    assertThat(job.get("state").asText()).as("job %s: %s", job.get("job_id"), job).isEqualTo("success");
    return job.at("/artifacts/0/outcome").asText();
  }

  /**
   * Starts {@link #instances()} apps on the tiers, adding each to {@code apps} (which the caller
   * closes, also when a start fails); their APIs.
   */
  private List<Api> start(Tiers ws, List<AppProcess> apps) throws Exception {
    Map<String, String> env = new HashMap<>(TestDataHome.env(ws));
    env.putAll(temporalEnv(ws.root()));
    for (int i = 0; i < instances(); i++) {
      Map<String, String> instance = new HashMap<>(env);
      instance.put("TIERSYNC_INSTANCE_ID", "app-" + i);
      apps.add(new AppProcess(Files.createDirectories(ws.root().resolve("app-" + i)), instance).start());
    }
    return apps.stream().map(a -> new Api(a.baseUrl())).toList();
  }

  /** New tiers whose upstream holds the skills {@code skill-0} to {@code skill-<count - 1>}, tagged v1. */
  private static Tiers tiersWithSkills(String prefix, int count) throws Exception {
    Tiers ws = Tiers.create(Files.createTempDirectory(prefix));
    Map<String, String> skills = new HashMap<>();
    for (int i = 0; i < count; i++) {
      skills.put("skills/skill-" + i + "/SKILL.md", "skill-" + i + "\n" + BODY);
    }
    ws.upstream().commit("add skills", skills);
    ws.upstream().tag("v1", true);
    return ws;
  }

  /** A request that creates a job. */
  private interface Call {
    Api.Response send(Api api) throws Exception;
  }

  /** Sends every call at once, spread over the instances; the outcome of each job's artifact. */
  private static List<String> callAtOnce(List<Api> apis, List<Call> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Future<Api.Response>> sent = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        Api api = apis.get(i % apis.size());
        Call call = calls.get(i);
        sent.add(pool.submit(() -> call.send(api)));
      }
      List<String> outcomes = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        Api.Response r = sent.get(i).get();
        assertThat(r.status()).as("%s", r.body()).isEqualTo(202);
        JsonNode job =
            apis.get(i % apis.size()).awaitTerminal(r.body().get("job_id").asText(), Duration.ofMinutes(3));
        assertThat(job.get("state").asText()).as("job %s: %s", job.get("job_id"), job).isEqualTo("success");
        outcomes.add(job.at("/artifacts/0/outcome").asText());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The tracking file has one entry per artifact, recording the collection's current version. */
  private static void assertTracking(Tiers ws, List<String> names) throws Exception {
    DeploymentTracking tracking = DeploymentTracking.load(ws.project().trackingFile());
    assertThat(tracking.entries()).hasSize(names.size());
    for (String name : names) {
      ArtifactId id = ArtifactId.parse("skill:" + name);
      assertThat(tracking.find(id)).as("tracking entry of %s", name).isPresent();
      assertThat(tracking.find(id).orElseThrow().contentHash())
          .as("tracked version of %s (SkillMeat's hash)", name)
          .isEqualTo(SkillMeatHash.of(ws.collection().path("skills/" + name)));
    }
  }

  /** One non-dry-run job per artifact, all created at once, spread over the instances. */
  private static List<String> runAtOnce(List<Api> apis, List<String> names, String direction, String project)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(names.size());
    try {
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        Api api = apis.get(i % apis.size());
        Map<String, Object> body = new HashMap<>();
        body.put("direction", direction);
        body.put("artifact_ids", List.of("skill:" + names.get(i)));
        body.put("dry_run", false);
        if (!direction.equals("upstream_to_collection")) {
          body.put("project_path", project);
        }
        created.add(pool.submit(() -> api.createJob(body)));
      }
      List<String> outcomes = new ArrayList<>();
      for (int i = 0; i < created.size(); i++) {
        JsonNode job = apis.get(i % apis.size()).awaitTerminal(created.get(i).get(), Duration.ofMinutes(3));
        assertThat(job.get("state").asText()).as("job %s: %s", job.get("job_id"), job).isEqualTo("success");
        outcomes.add(job.at("/artifacts/0/outcome").asText());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String upstreamHead(Tiers ws) throws Exception {
    return ws.upstream().head().name();
  }
}
