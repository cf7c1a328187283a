package dev.tiersync.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.skillmeat.SkillMeatHash;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.SidecarFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The soak: many real jobs over many artifacts, all three directions and two projects, with random
 * cancels and kill -9 restarts of the app (embedded Temporal, so a restart re-runs the unfinished
 * jobs from the job store), then a settle pass and checks of what must hold whatever happened:
 * every job terminal, every tier-file entry present and equal to the content on disk, no staging
 * or aside folder left, SQLite and the JSONL mirror agreeing on every job, no conflict.
 *
 * <p>Edits during the run never overlap (upstream changes the first line of a skill, projects add
 * lines at the end), so any conflict or {@code no_base} plan would be a lost merge base.
 *
 * <pre>java ... SoakBenchmark APP_JAR WORK_DIR OUT_MD [JOBS] [SEED]</pre>
 */
public final class SoakBenchmark {
  private static final String TOKEN = "soak-token-0123456789abcdef0123456789abcdef";
  private static final int ARTIFACTS = 20;
  private static final int IN_FLIGHT = 6;
  private static final int RESTARTS = 3;
  private static final double CANCEL_SHARE = 0.12;
  private static final List<String> DIRECTIONS =
      List.of("upstream_to_collection", "collection_to_project", "project_to_collection");

  private final Path jar;
  private final Path work;
  private final int jobs;
  private final Random random;
  private final ObjectMapper json = new ObjectMapper();
  private final Path upstreamWork;
  private final Path upstreamBare;
  private final Path collection;
  private final List<Path> projects = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final Map<String, Integer> upstreamEdits = new HashMap<>();
  private final Map<String, String> counts = new LinkedHashMap<>();
  private final Map<String, Integer> states = new TreeMap<>();
  private final Map<String, Integer> outcomes = new TreeMap<>();
  private final Map<String, Integer> reasons = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();
  private final List<Long> restartMillis = new ArrayList<>();
  private AppUnderTest app;
  private TiersyncClient client;

  private SoakBenchmark(Path jar, Path work, int jobs, long seed) {
    this.jar = jar;
    this.work = work;
    this.jobs = jobs;
    this.random = new Random(seed);
    this.upstreamWork = work.resolve("upstream-work");
    this.upstreamBare = work.resolve("upstream.git");
    this.collection = work.resolve("collections/default");
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path work = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
    Path out = Path.of(args[2]);
    int jobs = args.length > 3 ? Integer.parseInt(args[3]) : 500;
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 7;
    SoakBenchmark soak = new SoakBenchmark(jar, work, jobs, seed);
    String report;
    try {
      report = soak.run(seed);
    } finally {
      soak.stopApp();
    }
    writeSection(out, report);
    System.out.println(report);
    if (!soak.failures.isEmpty()) {
      System.exit(1);
    }
  }

  private String run(long seed) throws Exception {
    setUp();
    long started = System.nanoTime();
    startApp();
    List<String> created = new ArrayList<>();
    List<String> inFlight = new ArrayList<>();
    int cancels = 0;
    int restartsDone = 0;
    for (int i = 0; i < jobs; i++) {
      if (restartsDone < RESTARTS && i == (restartsDone + 1) * jobs / (RESTARTS + 1)) {
        restart();
        restartsDone++;
      }
      editSomething();
      String id = createRandomJob();
      if (id == null) {
        continue;
      }
      created.add(id);
      inFlight.add(id);
      if (random.nextDouble() < CANCEL_SHARE) {
        Thread.sleep(random.nextInt(150));
        client.cancelJob(id);
        cancels++;
      }
      while (inFlight.size() >= IN_FLIGHT) {
        inFlight.removeIf(this::ended);
        if (inFlight.size() >= IN_FLIGHT) {
          Thread.sleep(20);
        }
      }
    }
    for (String id : created) {
      awaitTerminal(id, Duration.ofMinutes(5));
    }
    long runMillis = (System.nanoTime() - started) / 1_000_000;
    for (String id : created) {
      JsonNode job = client.job(id);
      states.merge(job.get("state").asText(), 1, Integer::sum);
      for (JsonNode a : job.path("artifacts")) {
        outcomes.merge(a.get("outcome").asText(), 1, Integer::sum);
        if (a.hasNonNull("reason") && !a.get("outcome").asText().equals("unchanged")) {
          reasons.merge(a.get("outcome").asText() + ": " + a.get("reason").asText(), 1, Integer::sum);
        }
      }
      for (JsonNode p : job.path("plans")) {
        for (JsonNode c : p.path("conflicts")) {
          failures.add("job " + id + " planned a conflict: " + c);
        }
      }
    }
    int settleConflicts = settle();
    checkTierFiles();
    checkNoStaging();
    int jobsCompared = checkStoresAgree(created);
    counts.put("jobs created", Integer.toString(created.size()));
    counts.put("cancels requested", Integer.toString(cancels));
    counts.put("kill -9 restarts", Integer.toString(restartsDone));
    counts.put("run time (jobs phase)", String.format("%.1f s", runMillis / 1000.0));
    counts.put("throughput", String.format("%.1f jobs/min", created.size() * 60_000.0 / runMillis));
    counts.put("restart to healthy (each)", restartMillis.stream().map(m -> String.format("%.1f s", m / 1000.0)).toList().toString());
    counts.put("settle-pass conflicts", Integer.toString(settleConflicts));
    counts.put("jobs compared in SQLite and JSONL", Integer.toString(jobsCompared));
    return render(seed);
  }

  // ---- the workload ----

  private void setUp() throws Exception {
    Files.createDirectories(upstreamWork);
    Files.createDirectories(collection);
    git(upstreamWork, "init", "-q", "-b", "main");
    StringBuilder toml =
        new StringBuilder(
            """
            [collection]
            name = "default"
            version = "1.0.0"
            created = "2026-11-01T10:00:00"
            updated = "2026-11-01T10:00:00"
            """);
    for (int i = 0; i < ARTIFACTS; i++) {
      String name = "soak-" + i;
      names.add(name);
      upstreamEdits.put(name, 0);
      writeUpstreamSkill(name);
      toml.append(
          """

          [[artifacts]]
          name = "%s"
          type = "skill"
          path = "skills/%s"
          origin = "local"
          upstream = "file://%s"
          upstream_path = "skills/%s"
          version_spec = "main"
          added = "2026-11-01T10:00:00"
          """
              .formatted(name, name, upstreamBare, name));
    }
    commit("add skills");
    git(work, "clone", "-q", "--bare", upstreamWork.toString(), upstreamBare.toString());
    Files.writeString(collection.resolve("collection.toml"), toml.toString());
    for (int p = 0; p < 2; p++) {
      projects.add(Files.createDirectories(work.resolve("projects/p" + p + "/.claude")).getParent());
    }
    Files.createDirectories(work.resolve("home"));
  }

  /**
   * Upstream changes a skill's first line; project 0 its fourth and project 1 its seventh. The
   * edits never touch the same or adjacent lines, so every three-way merge with the right base is
   * clean, and a conflict can only come from a lost base.
   */
  private void editSomething() throws Exception {
    int roll = random.nextInt(20);
    if (roll == 0) {
      String name = names.get(random.nextInt(names.size()));
      upstreamEdits.merge(name, 1, Integer::sum);
      writeUpstreamSkill(name);
      commit("edit " + name);
      git(upstreamWork, "push", "-q", upstreamBare.toString(), "main");
    } else if (roll <= 2) {
      int p = random.nextInt(projects.size());
      String name = names.get(random.nextInt(names.size()));
      Path skill = projects.get(p).resolve(".claude/skills/" + name + "/SKILL.md");
      if (Files.isRegularFile(skill)) {
        List<String> lines = new ArrayList<>(Files.readAllLines(skill, StandardCharsets.UTF_8));
        int line = p == 0 ? 3 : 6;
        lines.set(line, "line " + (line - 1) + " of " + name + " edited in p" + p + " #" + random.nextInt(1_000_000));
        Files.writeString(skill, String.join("\n", lines) + "\n");
      }
    }
  }

  private void writeUpstreamSkill(String name) throws IOException {
    Path skill = Files.createDirectories(upstreamWork.resolve("skills/" + name));
    StringBuilder body = new StringBuilder(name + " upstream revision " + upstreamEdits.get(name) + "\n");
    for (int l = 0; l < 8; l++) {
      body.append("line ").append(l).append(" of ").append(name).append('\n');
    }
    Files.writeString(skill.resolve("SKILL.md"), body.toString());
  }

  private String createRandomJob() throws Exception {
    String direction = DIRECTIONS.get(random.nextInt(DIRECTIONS.size()));
    Path project = projects.get(random.nextInt(projects.size()));
    List<String> candidates = new ArrayList<>(names);
    if (direction.equals("project_to_collection")) {
      // Pushing back only makes sense for what the project has.
      candidates.removeIf(n -> !Files.isDirectory(project.resolve(".claude/skills/" + n)));
      if (candidates.isEmpty()) {
        candidates.addAll(names);
      }
    }
    Collections.shuffle(candidates, random);
    List<String> ids =
        candidates.subList(0, Math.min(candidates.size(), 1 + random.nextInt(3))).stream().map(n -> "skill:" + n).toList();
    Map<String, Object> body = new HashMap<>();
    body.put("direction", direction);
    body.put("artifact_ids", ids);
    body.put("dry_run", false);
    if (!direction.equals("upstream_to_collection")) {
      body.put("project_path", project.toString());
    }
    TiersyncClient.Created c = client.createJob(body);
    if (c.status() != 202) {
      failures.add("job creation answered " + c.status() + ": " + c.body());
      return null;
    }
    return c.jobId();
  }

  /**
   * Brings every tier to rest: upstream→collection; each project's edits into the collection; the
   * collection into each project; upstream→collection again (which records the collection's final
   * content in collection.lock). Afterwards every project equals the collection. Returns how many
   * of these jobs ended in conflict (0 when no base was lost).
   */
  private int settle() throws Exception {
    int conflicts = 0;
    List<Map<String, Object>> requests = new ArrayList<>();
    requests.add(Map.of("direction", "upstream_to_collection", "dry_run", false));
    for (String direction : List.of("project_to_collection", "collection_to_project")) {
      for (Path p : projects) {
        requests.add(Map.of("direction", direction, "project_path", p.toString(), "dry_run", false));
      }
    }
    requests.add(Map.of("direction", "upstream_to_collection", "dry_run", false));
    for (Map<String, Object> r : requests) {
      Map<String, Object> body = new HashMap<>(r);
      body.put("artifact_ids", names.stream().map(n -> "skill:" + n).toList());
      TiersyncClient.Created c = client.createJob(body);
      JsonNode job = awaitTerminal(c.jobId(), Duration.ofMinutes(5));
      String state = job.get("state").asText();
      if (state.equals("conflict")) {
        conflicts++;
      }
      if (!state.equals("success")) {
        failures.add("settle job " + r.get("direction") + " ended " + state + ": " + job.path("log"));
      }
    }
    return conflicts;
  }

  // ---- the checks ----

  private void checkTierFiles() throws Exception {
    String head = git(upstreamBare, "rev-parse", "main").trim();
    CollectionManifest manifest = CollectionManifest.load(collection.resolve("collection.toml"));
    CollectionLock lock = CollectionLock.load(collection.resolve("collection.lock"));
    SidecarFile<CollectionSidecar> collectionSidecar =
        CollectionSidecar.load(collection.resolve(".tiersync/collection.toml"));
    for (String name : names) {
      ArtifactId id = ArtifactId.parse("skill:" + name);
      String onDisk = hash(collection.resolve("skills/" + name));
      if (!head.equals(manifest.find(id).map(m -> m.resolvedSha()).orElse(null))) {
        failures.add("collection.toml resolved_sha of " + name + " is not the upstream head");
      }
      String skillMeatHash = SkillMeatHash.of(collection.resolve("skills/" + name));
      if (lock.find(id).isEmpty()) {
        failures.add("collection.lock has no entry for " + name);
      } else if (!lock.find(id).get().contentHash().equals(skillMeatHash)) {
        failures.add("collection.lock hash of " + name + " is not SkillMeat's hash of the collection");
      }
      if (!onDisk.equals(collectionSidecar.find(id).map(CollectionSidecar::contentHash).orElse(null))) {
        failures.add("the collection sidecar's hash of " + name + " differs from the collection's content");
      }
      for (Path project : projects) {
        DeploymentTracking tracking = DeploymentTracking.load(project.resolve(".claude/.skillmeat-deployed.toml"));
        String deployed = hash(project.resolve(".claude/skills/" + name));
        if (tracking.find(id).isEmpty()) {
          failures.add(project.getFileName() + " has no tracking entry for " + name);
        } else if (!skillMeatHash.equals(tracking.find(id).get().contentHash()) || !onDisk.equals(deployed)) {
          failures.add(project.getFileName() + ": tracking entry, project copy and collection of " + name + " differ after the settle pass");
        }
        String base =
            DeploymentSidecar.load(project.resolve(".claude/.tiersync-deployed.toml"))
                .find(id)
                .map(DeploymentSidecar::baseHash)
                .orElse(null);
        if (!onDisk.equals(base)) {
          failures.add(project.getFileName() + ": the sidecar's base of " + name + " is not the collection's content");
        }
      }
    }
    counts.put("tier entries checked", Integer.toString(names.size() * (2 + projects.size())));
  }

  private void checkNoStaging() throws IOException {
    try (Stream<Path> all = Stream.concat(Files.walk(collection), Files.walk(work.resolve("projects")))) {
      all.map(p -> p.getFileName().toString())
          .filter(
              n ->
                  n.startsWith(".tiersync-staging")
                      || n.startsWith(".tiersync-old")
                      // A tier file's temp file left by a kill; the next write under the lock sweeps it.
                      || (n.endsWith(".tmp") && (n.startsWith(".collection.") || n.startsWith(".skillmeat-deployed.") || n.startsWith(".tiersync-deployed."))))
          .forEach(n -> failures.add("leftover " + n));
    }
  }

  /** Every job's state in SQLite equals the last JSONL line for it; returns how many compared. */
  private int checkStoresAgree(List<String> created) throws Exception {
    stopApp();
    Map<String, String> sqlite = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + work.resolve("home/tiersync.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT job_id, state FROM jobs")) {
      while (rs.next()) {
        sqlite.put(rs.getString(1), rs.getString(2));
      }
    }
    Map<String, String> jsonl = new HashMap<>();
    for (String line : Files.readAllLines(work.resolve("home/jobs.jsonl"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("{\"deleted\"")) {
        continue;
      }
      JsonNode n = json.readTree(line);
      JsonNode id = n.has("job_id") ? n.get("job_id") : n.get("jobId");
      jsonl.put(id.asText(), n.get("state").asText());
    }
    int compared = 0;
    for (String id : created) {
      String a = sqlite.get(id);
      String b = jsonl.get(id);
      if (a == null || !a.equals(b)) {
        failures.add("job " + id + ": SQLite says " + a + ", JSONL says " + b);
      }
      compared++;
    }
    if (sqlite.size() != jsonl.size()) {
      failures.add("SQLite holds " + sqlite.size() + " jobs, JSONL " + jsonl.size());
    }
    return compared;
  }

  // ---- the app ----

  private void startApp() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("TIERSYNC_HOME", work.resolve("home").toString());
    env.put("TIERSYNC_COLLECTIONS", work.resolve("collections").toString());
    env.put("TIERSYNC_PROJECT_ROOTS", work.resolve("projects").toString());
    env.put("TIERSYNC_API_TOKENS", TOKEN);
    app = AppUnderTest.start(jar, List.of("-Xmx512m"), env, work.resolve("pids"), work.resolve("app.log"));
    client = new TiersyncClient(app.baseUrl(), TOKEN, 8);
  }

  private void restart() throws Exception {
    app.kill9();
    client.close();
    long t = System.nanoTime();
    startApp();
    restartMillis.add((System.nanoTime() - t) / 1_000_000);
  }

  private void stopApp() throws Exception {
    if (client != null) {
      client.close();
      client = null;
    }
    if (app != null) {
      app.close();
      app = null;
    }
  }

  private boolean ended(String id) {
    try {
      JsonNode job = client.job(id);
      return List.of("success", "conflict", "error", "canceled").contains(job.path("state").asText());
    } catch (Exception e) {
      return false;
    }
  }

  private JsonNode awaitTerminal(String id, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode job = client.job(id);
      if (List.of("success", "conflict", "error", "canceled").contains(job.path("state").asText())) {
        return job;
      }
      Thread.sleep(50);
    }
    failures.add("job " + id + " did not end within " + timeout.toSeconds() + " s");
    return client.job(id);
  }

  // ---- helpers ----

  /** Replaces the soak block of docs/benchmarks.md (appended before the analysis if absent). */
  private static void writeSection(Path report, String body) throws IOException {
    String start = dev.tiersync.bench.report.BenchmarkReport.SOAK_START;
    String end = dev.tiersync.bench.report.BenchmarkReport.SOAK_END;
    String block = start + "\n\n" + body.strip() + "\n\n" + end;
    String old = Files.exists(report) ? Files.readString(report) : "";
    int s = old.indexOf(start);
    int e = old.indexOf(end);
    String updated;
    if (s >= 0 && e > s) {
      updated = old.substring(0, s) + block + old.substring(e + end.length());
    } else {
      int analysis = old.indexOf("## Analysis");
      String section = "## Soak\n\n" + block + "\n\n";
      updated = analysis >= 0 ? old.substring(0, analysis) + section + old.substring(analysis) : old + "\n" + section;
    }
    Files.writeString(report, updated);
  }

  private String render(long seed) {
    StringBuilder md = new StringBuilder();
    md.append(
        """
        `scripts/soak.sh` (not part of `scripts/bench.sh`; about 3 minutes) drives the packaged app with
        random non-dry-run jobs, cancels some at a random moment, kills the app with SIGKILL three times
        and restarts it, then settles every tier and checks that nothing was lost. Edits made during the
        run never touch the same or adjacent lines, so any conflict would mean a lost merge base.

        """);
    md.append("One run of `scripts/soak.sh` (").append(jobs).append(" jobs, seed ").append(seed).append("), ")
        .append(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
        .append(": ").append(ARTIFACTS).append(" artifacts, 3 directions, ").append(projects.size())
        .append(" projects, up to ").append(IN_FLIGHT).append(" jobs in flight, about ")
        .append(Math.round(CANCEL_SHARE * 100)).append("% cancelled at a random moment, embedded Temporal.\n\n");
    md.append("| | |\n|---|---|\n");
    counts.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append("| job states | ").append(states).append(" |\n");
    md.append("| artifact outcomes | ").append(outcomes).append(" |\n");
    md.append("| reasons (skipped, error) | ").append(reasons).append(" |\n");
    md.append("| checks | ")
        .append(failures.isEmpty() ? "all passed: every job terminal, every tier entry present and equal to the content on disk, no staging or aside folder, SQLite = JSONL, no conflict" : failures.size() + " failed")
        .append(" |\n");
    for (String f : failures.subList(0, Math.min(20, failures.size()))) {
      md.append("\n- ").append(f);
    }
    return md.toString();
  }

  private static String hash(Path p) throws IOException {
    return new DiskTreeReader(new HashCache()).read(p).map(ArtifactTree::contentHash).orElse(null);
  }

  private void commit(String message) throws Exception {
    git(upstreamWork, "add", "-A");
    git(upstreamWork, "-c", "user.name=soak", "-c", "user.email=soak@example.com", "commit", "-q", "-m", message);
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }
}
