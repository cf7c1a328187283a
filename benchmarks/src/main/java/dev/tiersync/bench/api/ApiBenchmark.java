package dev.tiersync.bench.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tiersync.engine.content.HashCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives the packaged app over HTTP and writes one JSON file of results. Modes:
 *
 * <ul>
 *   <li>{@code api}: job creation (dry runs) and status polls, 1,000 requests after warm-up at 1
 *       and 16 concurrent clients; end-to-end time of a 20-file, 100 KiB collection→project sync
 *       from POST to the terminal event on the event stream; throughput of such jobs; heap and
 *       RSS idle and under that load. With {@code --temporal host:port} the app uses that server,
 *       else the embedded one.
 *   <li>{@code large}: a 100 MiB artifact synced collection→project by the app started with a
 *       small heap; peak heap and RSS while it runs.
 * </ul>
 *
 * <p>Usage: {@code ApiBenchmark api|large --jar JAR --work DIR --out FILE [--temporal ADDR]
 * [--requests N] [--e2e N] [--throughput N] [--clients 1,16] [--xmx SIZE] [--jfr FILE]
 * [--jvm "ARGS"] [--env "NAME=VALUE ..."]}; {@code --jfr} records a JFR profile of the app (api mode) into FILE; {@code
 * --clients} lists the client counts of the creation and poll series (1 and 16 by default); {@code
 * --jvm} adds JVM options (space-separated) to the app's command line in api mode, after {@code
 * -Xmx512m}; {@code --env} adds environment variables to the app's (e.g. {@code SYNC_JOB_STORE=postgres}
 * with the {@code SYNC_DB_*} settings of {@code scripts/postgres.sh}).
 */
public final class ApiBenchmark {
  private static final String TOKEN = "bench-token";
  /**
   * Warm-up requests before each measured series. Creation warms up with fewer: every job it
   * creates runs a workflow, and on the dev server those dominate the run time.
   */
  private static final int WARMUP = 200;

  private static final int CREATION_WARMUP = 100;

  private final Map<String, String> args;
  private final Path work;
  private final Path jar;

  private ApiBenchmark(Map<String, String> args) {
    this.args = args;
    this.work = Path.of(args.get("work"));
    this.jar = Path.of(args.get("jar"));
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("mode", argv[0]);
    for (int i = 1; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    ApiBenchmark bench = new ApiBenchmark(args);
    Map<String, Object> result =
        switch (argv[0]) {
          case "api" -> bench.api();
          case "large" -> bench.large();
          default -> throw new IllegalArgumentException("unknown mode " + argv[0]);
        };
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args.get("out")).toFile(), result);
    System.exit(0);
  }

  private Map<String, Object> api() throws Exception {
    int requests = Integer.parseInt(args.getOrDefault("requests", "1000"));
    int e2eRuns = Integer.parseInt(args.getOrDefault("e2e", "30"));
    int throughputJobs = Integer.parseInt(args.getOrDefault("throughput", "100"));
    int[] clientCounts = Arrays.stream(args.getOrDefault("clients", "1,16").split(",")).mapToInt(Integer::parseInt).toArray();
    String temporal = args.get("temporal");
    Path dir = Files.createDirectories(work.resolve(temporal == null ? "api-embedded" : "api-real"));
    BenchWorkspace ws = new BenchWorkspace(dir);
    Map<String, String> env = new LinkedHashMap<>(ws.env(TOKEN));
    if (temporal != null) {
      env.put("TEMPORAL_ADDRESS", temporal);
    }
    if (args.containsKey("env")) {
      for (String pair : args.get("env").trim().split("\\s+")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--env takes NAME=VALUE pairs separated by spaces, got '" + pair + "'");
        }
        env.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("temporal", temporal == null ? "embedded" : "dev server " + temporal);
    out.put("requests", requests);
    List<String> jvm = new ArrayList<>(List.of("-Xmx512m"));
    if (args.containsKey("jvm")) {
      jvm.addAll(Arrays.asList(args.get("jvm").trim().split("\\s+")));
    }
    out.put("jvm_args", List.copyOf(jvm));
    if (args.containsKey("jfr")) {
      jvm.add("-XX:StartFlightRecording=settings=" + args.getOrDefault("jfr-settings", "profile") + ",filename=" + Path.of(args.get("jfr")).toAbsolutePath());
    }
    try (AppUnderTest app = AppUnderTest.start(jar, jvm, env, work.resolve("pids"), dir.resolve("app.log"));
        TiersyncClient client = new TiersyncClient(app.baseUrl(), TOKEN, 32)) {
      client.subscribe();
      Thread.sleep(2000);
      app.gc();
      out.put("idle", memory(app, client));
      ResourceSampler sampler = ResourceSampler.start(app, client, Long.parseLong(args.getOrDefault("sample-ms", "500")));

      Path tinyProject = ws.newProject("creation");
      Map<String, Object> dryRun =
          Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:tiny"),
              "project_path", tinyProject.toString(), "dry_run", true);
      List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
      Map<String, Object> creation = new LinkedHashMap<>();
      Map<String, Object> backlog = new LinkedHashMap<>();
      for (int clients : clientCounts) {
        load(app, clients, CREATION_WARMUP, () -> created.add(expectCreated(client.createJob(dryRun))));
        awaitEnded(client, created);
        List<String> measured = java.util.Collections.synchronizedList(new ArrayList<>());
        creation.put("clients_" + clients, load(app, clients, requests, () -> measured.add(expectCreated(client.createJob(dryRun)))));
        long t0 = System.nanoTime();
        awaitEnded(client, measured);
        backlog.put("clients_" + clients, Map.of("jobs", measured.size(), "drained_after_ms", (System.nanoTime() - t0) / 1_000_000));
        created.addAll(measured);
      }
      out.put("creation", creation);
      out.put("creation_backlog", backlog);

      Map<String, Object> status = new LinkedHashMap<>();
      for (int clients : clientCounts) {
        Runnable poll = () -> expect200(client, created.get(ThreadLocalRandom.current().nextInt(created.size())));
        load(app, clients, WARMUP, poll::run);
        status.put("clients_" + clients, load(app, clients, requests, poll::run));
      }
      out.put("status", status);

      out.put("end_to_end", endToEnd(client, ws, e2eRuns));
      out.put("throughput", throughput(app, client, ws, throughputJobs));
      out.put("under_load", sampler.stop());
    }
    return out;
  }

  /** One small sync at a time: POST to the terminal event, as the UI's toast sees it. */
  private Map<String, Object> endToEnd(TiersyncClient client, BenchWorkspace ws, int runs) throws Exception {
    int warmup = 5;
    Latencies lat = new Latencies(runs);
    Map<String, Integer> states = new LinkedHashMap<>();
    for (int i = 0; i < warmup + runs; i++) {
      Map<String, Object> sync =
          Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:small"),
              "project_path", ws.newProject("e2e").toString(), "dry_run", false);
      long t0 = System.nanoTime();
      String id = expectCreated(client.createJob(sync));
      TiersyncClient.Ended end = client.ended(id).get(120, TimeUnit.SECONDS);
      if (i >= warmup) {
        lat.add(end.atNanos() - t0);
        states.merge(end.state(), 1, Integer::sum);
      }
    }
    Map<String, Object> m = lat.summary(0);
    m.put("states", states);
    m.put("artifact", BenchWorkspace.SMALL_FILES + " files, " + BenchWorkspace.SMALL_FILES * BenchWorkspace.SMALL_FILE_BYTES / 1024 + " KiB");
    return m;
  }

  /** {@code jobs} small syncs submitted at once by 16 clients, each into its own project. */
  private Map<String, Object> throughput(AppUnderTest app, TiersyncClient client, BenchWorkspace ws, int jobs)
      throws Exception {
    List<Map<String, Object>> requests = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      requests.add(
          Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:small"),
              "project_path", ws.newProject("throughput").toString(), "dry_run", false));
    }
    List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    load(app, 16, jobs, () -> ids.add(expectCreated(client.createJob(requests.get(next.getAndIncrement())))));
    Map<String, Integer> states = new LinkedHashMap<>();
    long last = t0;
    for (String id : ids) {
      TiersyncClient.Ended e = client.ended(id).get(600, TimeUnit.SECONDS);
      last = Math.max(last, e.atNanos());
      states.merge(e.state(), 1, Integer::sum);
    }
    double seconds = (last - t0) / 1e9;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jobs", jobs);
    m.put("seconds", Math.round(seconds * 100) / 100.0);
    m.put("jobs_per_second", Math.round(jobs / seconds * 10) / 10.0);
    m.put("states", states);
    m.put("cores", Runtime.getRuntime().availableProcessors());
    return m;
  }

  /** The 100 MiB artifact through an app with a small heap. */
  private Map<String, Object> large() throws Exception {
    long bytes = 100L * 1024 * 1024;
    String xmx = args.getOrDefault("xmx", "64m");
    Path dir = Files.createDirectories(work.resolve("large"));
    BenchWorkspace ws = new BenchWorkspace(dir);
    ws.addHugeSkill(bytes);
    Path project = ws.newProject("large");
    List<String> jvm = List.of("-Xmx" + xmx, "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + dir.resolve("oom.hprof"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jvm_args", jvm.subList(0, 1));
    out.put("artifact_bytes", bytes);
    try (AppUnderTest app = AppUnderTest.start(jar, jvm, ws.env(TOKEN), work.resolve("pids"), dir.resolve("app.log"));
        TiersyncClient client = new TiersyncClient(app.baseUrl(), TOKEN, 4)) {
      client.subscribe();
      Thread.sleep(2000);
      app.gc();
      out.put("idle", memory(app, client));
      ResourceSampler sampler = ResourceSampler.start(app, client, 100);
      long t0 = System.nanoTime();
      String id =
          expectCreated(
              client.createJob(
                  Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:huge"),
                      "project_path", project.toString(), "dry_run", false)));
      TiersyncClient.Ended end = client.ended(id).get(600, TimeUnit.SECONDS);
      out.put("duration_ms", (end.atNanos() - t0) / 1_000_000);
      out.put("state", end.state());
      out.put("during_sync", sampler.stop());
      Path copied = project.resolve(".claude/skills/huge/reference.txt");
      out.put(
          "copy_identical",
          Files.exists(copied)
              && HashCache.digest(copied).equals(HashCache.digest(ws.collection.resolve("skills/huge/reference.txt"))));
      out.put("oom_heap_dump", Files.exists(dir.resolve("oom.hprof")));
      if (!"success".equals(end.state())) {
        out.put("job", client.job(id));
      }
    }
    return out;
  }

  private static Map<String, Object> memory(AppUnderTest app, TiersyncClient client) throws Exception {
    long[] rss = app.rss();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("heap_used_mib", mib(client.heapUsedBytes()));
    m.put("rss_mib", mib(rss[0]));
    return m;
  }

  static double mib(long bytes) {
    return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
  }

  interface Call {
    void run() throws Exception;
  }

  /**
   * Runs {@code total} calls on {@code clients} threads, each call timed on its own. The summary
   * adds the app's CPU time per call (which includes any work the calls set off meanwhile, such as
   * the workflows of created jobs) and the machine's load average when the series started, to tell
   * time spent working from time spent waiting for a core.
   */
  private static Map<String, Object> load(AppUnderTest app, int clients, int total, Call call) throws Exception {
    Latencies lat = new Latencies(total);
    AtomicInteger remaining = new AtomicInteger(total);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> workers = new ArrayList<>();
      String loadAverage = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
      long cpu0 = app.cpuMillis();
      long t0 = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        workers.add(
            pool.submit(
                () -> {
                  while (remaining.getAndDecrement() > 0) {
                    long s = System.nanoTime();
                    call.run();
                    lat.add(System.nanoTime() - s);
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
      Map<String, Object> summary = lat.summary(System.nanoTime() - t0);
      summary.put("app_cpu_ms_per_request", Math.round((app.cpuMillis() - cpu0) * 100.0 / total) / 100.0);
      summary.put("load_average_at_start", Double.parseDouble(loadAverage));
      return summary;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String expectCreated(TiersyncClient.Created c) {
    if (c.status() != 202) {
      throw new IllegalStateException("job creation answered " + c.status() + ": " + c.body());
    }
    return c.jobId();
  }

  private static void expect200(TiersyncClient client, String jobId) {
    try {
      int status = client.pollJob(jobId);
      if (status != 200) {
        throw new IllegalStateException("status poll answered " + status);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitEnded(TiersyncClient client, List<String> ids) throws Exception {
    CompletableFuture.allOf(ids.stream().map(client::ended).toArray(CompletableFuture[]::new)).get(600, TimeUnit.SECONDS);
  }
}
