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
 * SIGKILL, restarted on the same port and data.
 */
final class AppProcess implements AutoCloseable {
  private final Path jar;
  private final Map<String, String> env;
  private final Path log;
  private final int port;
  private Process process;
  private int starts;

  AppProcess(Path workDir, Map<String, String> env) throws IOException {
    this.jar = Path.of(System.getProperty("tiersync.app.jar", "target/tiersync-app.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("app jar not found at " + jar + " (run the package phase first)");
    }
    this.env = new HashMap<>(env);
    this.log = workDir.resolve("app.log");
    this.port = freePort();
  }

  AppProcess start() throws Exception {
    launch();
    awaitHealthy(Duration.ofSeconds(120));
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
    cmd.add("--server.port=" + port);
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

  private void awaitHealthy(Duration timeout) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("app exited with " + process.exitValue() + "; log:\n" + tail());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("app did not become healthy; log:\n" + tail());
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
