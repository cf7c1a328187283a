package dev.tiersync.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code tiersync warm-up} (hidden): runs every command once against canned answers from a server
 * in this process, so that a JVM started with {@code -XX:ArchiveClassesAtExit} records the classes
 * real runs load. {@code scripts/tiersync} does that once per build of the jar; later starts map
 * the archive instead of loading and verifying those classes again (AppCDS).
 */
@Command(name = "warm-up", hidden = true, description = "Records a start-up archive (internal).")
final class WarmUpCommand implements Callable<Integer> {
  private static final String JOB =
      "{\"job_id\":\"job-1\",\"kind\":\"sync\",\"direction\":\"collection_to_project\","
          + "\"state\":\"success\",\"pct\":100,\"phase\":\"done\",\"waiting_reason\":null,"
          + "\"created_at\":\"2026-01-01T00:00:00.123Z\",\"duration_ms\":1200,"
          + "\"request\":{\"artifact_ids\":[\"skill:a\"],\"collection\":\"default\","
          + "\"project_path\":\"/p\",\"strategy\":\"auto\",\"dry_run\":true},"
          + "\"artifacts\":[{\"artifact_id\":\"skill:a\",\"outcome\":\"updated\","
          + "\"files_added\":1,\"files_removed\":0,\"files_modified\":2}],"
          + "\"plans\":[{\"artifact_id\":\"skill:a\",\"action\":\"update\","
          + "\"files_added\":[\"x\"],\"files_removed\":[],\"files_modified\":[\"y\"],"
          + "\"predicted_conflicts\":[]}],\"conflicts\":[],\"unresolved_files\":[],"
          + "\"result\":null,\"log_excerpt\":\"done\"}";
  private static final Map<String, String> ANSWERS =
      Map.of(
          "/api/v1/artifacts",
          "{\"collection\":\"default\",\"project_path\":\"/p\",\"total\":1,\"items\":[{"
              + "\"artifact_id\":\"skill:a\",\"type\":\"skill\",\"name\":\"a\",\"status\":{"
              + "\"upstream_to_collection\":\"synced\",\"collection_to_project\":\"outdated\","
              + "\"overall\":\"outdated\"},\"upstream_error\":null,\"error\":null}],\"errors\":[]}",
          "/api/v1/artifacts/skill%3Aa/diff",
          "{\"identical\":false,\"files\":[{\"path\":\"SKILL.md\",\"status\":\"modified\","
              + "\"lines_added\":1,\"lines_removed\":1,\"binary\":false,\"unified_diff\":"
              + "\"--- a/SKILL.md\\n+++ b/SKILL.md\\n@@ -1 +1 @@\\n-a\\n+b\\n\"}],"
              + "\"summary\":{\"files_modified\":1,\"lines_added\":1,\"lines_removed\":1},"
              + "\"truncated\":false}",
          "/api/v1/artifacts/skill%3Aa/versions",
          "{\"status\":{\"collection_to_project\":\"outdated\",\"overall\":\"outdated\"}}",
          "/api/v1/sync/jobs",
          "{\"items\":[" + JOB + "],\"total\":1,\"limit\":20,\"offset\":0}",
          "/api/v1/sync/jobs/job-1",
          JOB);

  @Override
  public Integer call() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", WarmUpCommand::answer);
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      Map<String, String> env = Map.of("TIERSYNC_URL", url, "TIERSYNC_TOKEN", "warm-up");
      List<List<String>> runs =
          List.of(
              List.of("--help"),
              List.of("status", "--help"),
              List.of("status", "-p", "/p"),
              List.of("status", "-o", "json"),
              List.of("diff", "skill:a", "-p", "/p"),
              List.of("diff", "skill:a", "--stat"),
              List.of("jobs"),
              List.of("job", "job-1"),
              List.of("wait", "job-1"),
              List.of("sync", "-d", "collection_to_project", "-p", "/p"));
      for (boolean tty : new boolean[] {false, true}) {
        PrintStream sink =
            new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Terminal terminal =
            new Terminal(env, InputStream.nullInputStream(), sink, sink, false, tty, tty, 80);
        for (List<String> args : runs) {
          Tiersync.run(terminal, args.toArray(String[]::new));
        }
      }
    } finally {
      server.stop(0);
    }
    return ExitCodes.OK;
  }

  private static void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    byte[] body;
    if (path.equals("/api/v1/sync/events")) {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      body = (":subscribed\n\nevent:job\ndata:" + JOB + "\n\n").getBytes(StandardCharsets.UTF_8);
    } else {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      String answer = exchange.getRequestMethod().equals("POST") ? JOB : ANSWERS.get(path);
      body = (answer == null ? "{}" : answer).getBytes(StandardCharsets.UTF_8);
    }
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
