package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.app.PostgresServer;
import dev.tiersync.engine.testing.Tiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two app processes, one real Temporal dev server, one PostgreSQL job store and one data folder:
 * the team shape. Whichever instance a client talks to, it sees every job, follows its events,
 * cancels it and gets the same job for an idempotency key; a job whose instance is killed is
 * finished by the other one's worker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {
  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(180);

  private static Path tmp;
  private static Tiers ws;
  private static DevServer temporal;
  private static PostgresServer postgres;
  private static final List<AppProcess> apps = new ArrayList<>();
  private static final List<Api> apis = new ArrayList<>();

  @BeforeAll
  static void startBoth() throws Exception {
    tmp = Files.createTempDirectory("tiersync-two-instances-");
    ws = Tiers.create(tmp);
    temporal = DevServer.start(tmp);
    postgres = PostgresServer.start();
    for (String instance : List.of("a", "b")) {
      AppProcess app = new AppProcess(Files.createDirectories(tmp.resolve("app-" + instance)), env(instance)).start();
      apps.add(app);
      apis.add(new Api(app.baseUrl()));
    }
  }

  private static Map<String, String> env(String instance) {
    Map<String, String> env = new HashMap<>(TestDataHome.env(ws));
    env.put("TEMPORAL_ADDRESS", temporal.address());
    env.put("SYNC_JOB_STORE", "postgres");
    env.putAll(postgres.environment());
    env.put("TIERSYNC_INSTANCE_ID", instance);
    return env;
  }

  @AfterAll
  static void stopAll() throws Exception {
    for (AppProcess app : apps) {
      app.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  @Order(0)
  void aThirdInstanceWithAnIdAlreadyRunning_refusesToStart() throws Exception {
    AppProcess twin = new AppProcess(Files.createDirectories(tmp.resolve("app-a-twin")), env("a"));

    int exit = twin.startExpectingExit(Duration.ofSeconds(120));

    assertThat(exit).isNotZero();
    assertThat(Files.readString(twin.log()))
        .contains("another running instance has the id 'a' (TIERSYNC_INSTANCE_ID, default: the host name)");
    assertThat(apis.get(0).get("/actuator/health").status()).as("the running instance a is unharmed").isEqualTo(200);
  }

  @Test
  @Order(1)
  void jobsCreatedOnA_areListedPolledAndStreamedOnBoth() throws Exception {
    Api a = apis.get(0);
    Api b = apis.get(1);
    Path project = ws.project("streamed").dir();
    List<String> ids = new ArrayList<>();
    try (EventStream onA = EventStream.subscribe(apps.get(0).baseUrl());
        EventStream onB = EventStream.subscribe(apps.get(1).baseUrl())) {
      for (int i = 0; i < 6; i++) {
        String name = "streamed-" + i;
        localSkill(name);
        ids.add(a.createJob(sync(project, "skill:" + name)));
      }
      for (String id : ids) {
        assertThat(b.awaitTerminal(id, JOB_TIMEOUT).get("state").asText()).as("job %s polled on B", id).isEqualTo("success");
      }
      Set<String> listedOnB = new HashSet<>();
      for (JsonNode j : b.get("/api/v1/sync/jobs?limit=100").body().path("items")) {
        listedOnB.add(j.get("job_id").asText());
      }
      assertThat(listedOnB).containsAll(ids);
      // Each job ran on one of the two workers; both streams see every job end, so the events of
      // the jobs the other instance ran were relayed.
      for (EventStream stream : List.of(onA, onB)) {
        awaitEnded(stream, ids);
      }
    }
    for (int i = 0; i < 6; i++) {
      assertThat(project.resolve(".claude/skills/streamed-" + i + "/SKILL.md")).hasContent("# streamed-" + i + "\n");
    }
  }

  @Test
  @Order(2)
  void anIdempotencyKey_givesOneJob_throughEitherInstance() throws Exception {
    Path project = ws.project("idempotent").dir();
    localSkill("idempotent");
    Map<String, Object> request = sync(project, "skill:idempotent");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Api.Response>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Api api = apis.get(i % 2);
        Callable<Api.Response> post = () -> api.post("/api/v1/sync/jobs", request, Map.of("Idempotency-Key", "same-key"));
        answers.add(pool.submit(post));
      }
      Set<String> jobIds = new HashSet<>();
      for (Future<Api.Response> f : answers) {
        Api.Response r = f.get();
        assertThat(r.status()).as("answer %s", r.body()).isIn(200, 201, 202);
        jobIds.add(r.body().get("job_id").asText());
      }
      assertThat(jobIds).hasSize(1);
      Api.Response other =
          apis.get(1).post("/api/v1/sync/jobs", sync(project, "skill:other"), Map.of("Idempotency-Key", "same-key"));
      assertThat(other.status()).isEqualTo(409);
      assertThat(apis.get(0).awaitTerminal(jobIds.iterator().next(), JOB_TIMEOUT).get("state").asText()).isEqualTo("success");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(3)
  void aJobCreatedOnA_isCanceledThroughB() throws Exception {
    Path project = ws.project("canceled").dir();
    Path skill = ws.collection().path("skills/large");
    RestartContract.writeVersion(skill, "v1");
    String jobId = apis.get(0).createJob(sync(project, "skill:large"));
    apis.get(1).awaitPhase(jobId, "fetch", JOB_TIMEOUT);

    Api.Response canceled = apis.get(1).delete("/api/v1/sync/jobs/" + jobId);

    assertThat(canceled.status()).isEqualTo(200);
    String state = canceled.body().get("state").asText();
    assertThat(state).as("a cancel while it runs: %s", canceled.body()).isEqualTo("canceled");
    assertThat(apis.get(0).get("/api/v1/sync/jobs/" + jobId).body().get("state").asText()).isEqualTo("canceled");
  }

  @Test
  @Order(4)
  void killingTheInstanceThatRunsAJob_theOtherOneFinishesIt() throws Exception {
    Path project = ws.project("failover").dir();
    Path skill = ws.collection().path("skills/failover");
    RestartContract.writeVersion(skill, "v1");
    String v1 = Tiers.hash(skill);
    String jobId = apis.get(0).createJob(sync(project, "skill:failover"));
    String worker = awaitPendingActivityWorker(jobId);
    int running = -1;
    for (int i = 0; i < apps.size(); i++) {
      if (worker.startsWith(apps.get(i).pid() + "@")) {
        running = i;
      }
    }
    assertThat(running).as("worker %s is one of the two apps", worker).isNotNegative();

    apps.get(running).kill9();
    Api survivor = apis.get(1 - running);
    JsonNode done = survivor.awaitTerminal(jobId, JOB_TIMEOUT);

    assertThat(done.get("state").asText()).as("job %s after its instance died", done).isEqualTo("success");
    assertThat(Tiers.hash(project.resolve(".claude/skills/failover"))).isEqualTo(v1);
    apps.get(running).start();
    assertThat(apis.get(running).get("/api/v1/sync/jobs/" + jobId).body().get("state").asText()).isEqualTo("success");
  }

  @Test
  @Order(5)
  void jobsOnOneArtifactThroughBothInstances_runOneAfterAnother() throws Exception {
    Path project = ws.project("serial").dir();
    Path skill = localSkill("serial");
    ExecutorService pool = Executors.newFixedThreadPool(10);
    List<JsonNode> done = new ArrayList<>();
    try {
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Api api = apis.get(i % 2);
        created.add(pool.submit(() -> api.createJob(sync(project, "skill:serial"))));
      }
      for (Future<String> f : created) {
        done.add(apis.get(0).awaitTerminal(f.get(), JOB_TIMEOUT));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(done).allSatisfy(j -> assertThat(j.get("state").asText()).isEqualTo("success"));
    assertThat(done.stream().map(j -> j.at("/artifacts/0/outcome").asText()))
        .containsOnlyOnce("created")
        .containsOnly("created", "unchanged");
    List<JsonNode> byStart = new ArrayList<>(done);
    byStart.sort(java.util.Comparator.comparing(j -> java.time.Instant.parse(j.get("started_at").asText())));
    for (int i = 1; i < byStart.size(); i++) {
      assertThat(java.time.Instant.parse(byStart.get(i).get("started_at").asText()))
          .as("job %d starts after job %d ended: the artifact lock holds across instances", i, i - 1)
          .isAfterOrEqualTo(java.time.Instant.parse(byStart.get(i - 1).get("ended_at").asText()));
    }
    assertThat(Tiers.hash(project.resolve(".claude/skills/serial"))).isEqualTo(Tiers.hash(skill));
  }

  /** A skill of the collection's own (no upstream) holding one SKILL.md: {@code # <name>}. */
  private static Path localSkill(String name) throws Exception {
    Path skill = ws.collection().path("skills/" + name);
    Files.createDirectories(skill);
    Files.writeString(skill.resolve("SKILL.md"), "# " + name + "\n");
    return skill;
  }

  private static Map<String, Object> sync(Path project, String artifactId) {
    return Map.of(
        "direction", "collection_to_project", "artifact_ids", List.of(artifactId),
        "project_path", project.toString(), "dry_run", false);
  }

  private static void awaitEnded(EventStream stream, List<String> ids) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Set<String> ended = new HashSet<>();
    while (System.nanoTime() < deadline) {
      for (JsonNode e : stream.named("job")) {
        if ("success".equals(e.path("state").asText())) {
          ended.add(e.get("job_id").asText());
        }
      }
      if (ended.containsAll(ids)) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(ended).as("jobs seen ending on this stream").containsAll(ids);
  }

  /** The identity ({@code pid@host}) of the worker running the job's current activity. */
  private static String awaitPendingActivityWorker(String jobId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode described = temporal.describe(jobId);
      // The CLI prints protobuf JSON; accept both spellings of its field names.
      JsonNode pending = described.has("pendingActivities") ? described.get("pendingActivities") : described.path("pending_activities");
      for (JsonNode activity : pending) {
        String identity = activity.path("lastWorkerIdentity").asText(activity.path("last_worker_identity").asText(""));
        if (!identity.isEmpty()) {
          return identity;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job " + jobId + " never had an activity under way");
  }
}
