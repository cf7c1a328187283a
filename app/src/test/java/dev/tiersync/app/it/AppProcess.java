package dev.tiersync.app.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged app ({@code app/target/tiersync-app.jar}) as a real process on a free loopback
 * port, for integration tests: started with an environment, stopped gently or killed with
 * SIGKILL, restarted on the same port and data. {@link #agent} runs the jar as a host agent
 * instead ({@code tiersync agent}: no port), ready once it logs that it polls its queue.
 */
final class AppProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Path jar;
  private final Map<String, String> env;
  private final Path log;
  private final int port;
  /** The agent's start line to wait for; null for the server, which is waited for over HTTP. */
  private final String agentReadyLine;
  private Process process;
  private int starts;

  AppProcess(Path workDir, Map<String, String> env) throws IOException {
    this(workDir, env, null);
  }

  private AppProcess(Path workDir, Map<String, String> env, String agentReadyLine) throws IOException {
    this.jar = Path.of(System.getProperty("tiersync.app.jar", "target/tiersync-app.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("app jar not found at " + jar + " (run the package phase first)");
    }
    this.env = new HashMap<>(env);
    this.log = workDir.resolve("app.log");
    this.port = freePort();
    this.agentReadyLine = agentReadyLine;
  }

  /** {@code java -jar tiersync-app.jar agent} for host {@code TIERSYNC_HOST_ID} of {@code env}. */
  static AppProcess agent(Path workDir, Map<String, String> env) throws IOException {
    String queue = "tiersync-host-" + env.get("TIERSYNC_HOST_ID");
    return new AppProcess(workDir, env, "polling task queue '" + queue + "'");
  }

  /**
   * The environment of host {@code host}'s agent under {@code tmp} (data {@code <host>-home}): the
   * cluster, the server, the test token, and {@code root} as its one project root.
   */
  static Map<String, String> agentEnv(
      Path tmp, String host, Path root, String temporalAddress, String serverUrl) {
    return Map.of(
        "TEMPORAL_ADDRESS", temporalAddress,
        "TIERSYNC_SERVER_URL", serverUrl,
        "TIERSYNC_AGENT_TOKEN", dev.tiersync.app.TestDataHome.API_TOKEN,
        "TIERSYNC_HOST_ID", host,
        "TIERSYNC_PROJECT_ROOTS", root.toString(),
        "TIERSYNC_HOME", tmp.resolve(host + "-home").toString());
  }

  /** Host {@code host}'s agent ({@link #agentEnv}), started in {@code <tmp>/agent-<host>}. */
  static AppProcess startAgent(Path tmp, String host, Path root, String temporalAddress, String serverUrl)
      throws Exception {
    return agent(
            Files.createDirectories(tmp.resolve("agent-" + host)),
            agentEnv(tmp, host, root, temporalAddress, serverUrl))
        .start();
  }

  /** Stops the processes given (any may be null), in order. */
  static void stopAll(Iterable<? extends AutoCloseable> processes) throws Exception {
    for (AutoCloseable p : processes) {
      if (p != null) {
        p.close();
      }
    }
  }

  AppProcess start() throws Exception {
    launch();
    if (agentReadyLine == null) {
      awaitReady("become healthy", this::healthy);
    } else {
      awaitReady("log \"" + agentReadyLine + "\"", () -> sinceThisStart().contains(agentReadyLine));
    }
    return this;
  }

  /**
   * Starts the app where it must refuse to start: waits for it to exit and returns its exit code
   * (what it printed is in {@link #log()}).
   */
  int startExpectingExit(Duration timeout) throws Exception {
    launch();
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("the app kept running; its log:\n" + tail());
    }
    return process.exitValue();
  }

  private void launch() throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.add(agentReadyLine == null ? "--server.port=" + port : "agent");
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    starts++;
    Files.writeString(log, "\n==== start " + starts + " ====\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    process = pb.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The process id of the running app (Temporal names its worker {@code pid@host}). */
  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** SIGKILL: the process gets no chance to clean up, as in a crash or power loss. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private boolean healthy() throws InterruptedException {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  /** A check of readiness; may throw like the tests around it. */
  private interface Readiness {
    boolean ready() throws Exception;
  }

  private void awaitReady(String what, Readiness readiness) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("app exited with " + process.exitValue() + "; log:\n" + tail());
      }
      if (readiness.ready()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("app did not " + what + "; log:\n" + tail());
  }

  /** What the process logged since its latest start. */
  private String sinceThisStart() throws IOException {
    String all = Files.readString(log);
    return all.substring(all.lastIndexOf("==== start " + starts + " ===="));
  }

  String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
