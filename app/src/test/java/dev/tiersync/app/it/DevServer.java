package dev.tiersync.app.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Temporal server ({@code temporal server start-dev}, built from its Go module by {@code
 * scripts/temporal-server.sh}) on a free loopback port with a SQLite file, for the integration
 * suite's real-server mode.
 */
final class DevServer implements AutoCloseable {
  private static final Path SCRIPT = Path.of("..", "scripts", "temporal-server.sh").toAbsolutePath().normalize();
  private final int port;

  private DevServer(int port) {
    this.port = port;
  }

  /**
   * Starts a server on a free port. A port found free can be taken by another process before the
   * server binds it (another suite's app or server on the same machine): then, and only then, it
   * tries again on another port, at most three times in all.
   */
  static DevServer start(Path dir) throws Exception {
    for (int attempt = 1; ; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      try {
        run(SCRIPT.toString(), "start", Integer.toString(port), dir.resolve("temporal.db").toString());
        return new DevServer(port);
      } catch (IllegalStateException e) {
        if (attempt == 3 || !portTaken(port)) {
          throw e;
        }
      }
    }
  }

  /** Whether the server's log (the script's) says its port was taken before it could bind it. */
  private static boolean portTaken(int port) throws IOException {
    Path log =
        Path.of(System.getenv().getOrDefault("TMPDIR", "/tmp"), "tiersync-temporal", "server-" + port + ".log");
    return java.nio.file.Files.isRegularFile(log)
        && java.nio.file.Files.readString(log).contains("address already in use");
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  /**
   * Workflow ids matching a visibility query, as an operator would list them with the Temporal
   * CLI ({@code temporal workflow list --query ...}).
   */
  java.util.List<String> listWorkflowIds(String query) throws Exception {
    String out = cli("workflow", "list", "--query", query);
    java.util.List<String> ids = new java.util.ArrayList<>();
    if (out.isBlank()) {
      return ids;
    }
    var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
    for (var n : node.isArray() ? node : java.util.List.of(node)) {
      ids.add(n.at("/execution/workflowId").asText(n.at("/execution/workflow_id").asText()));
    }
    return ids;
  }

  /** A workflow as {@code temporal workflow describe} shows it (pending activities included). */
  com.fasterxml.jackson.databind.JsonNode describe(String workflowId) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli("workflow", "describe", "--workflow-id", workflowId));
  }

  /** Runs the Temporal CLI against this server with JSON output; returns what it printed. */
  private String cli(String... args) throws Exception {
    Process build = new ProcessBuilder(SCRIPT.toString(), "build").start();
    String bin = new String(build.getInputStream().readAllBytes()).trim();
    build.waitFor();
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(bin));
    cmd.addAll(java.util.List.of(args));
    cmd.addAll(java.util.List.of("--address", address(), "--output", "json"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  @Override
  public void close() throws Exception {
    run(SCRIPT.toString(), "stop", Integer.toString(port));
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed");
    }
  }
}
