package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tiersync status}: the artifact table with both edges ({@code GET /api/v1/artifacts}). */
@Command(
    name = "status",
    header = "Show every artifact's status on both edges.",
    description = {
      "Lists the collection's artifacts (and the project's, with --project) with the status of "
          + "both edges: upstream -> collection and collection -> project. [held] marks an "
          + "artifact on hold (the drift watch does not update it; see tiersync hold).",
      "Exit: 0 all synced, 1 drift, 2 a conflict or an artifact in error, 3 server error."
    })
final class StatusCommand implements Callable<Integer> {
  @ParentCommand Tiersync root;

  @Mixin ScopeOptions scope;

  @Option(
      names = {"-t", "--type"},
      split = ",",
      paramLabel = "TYPE",
      description = "Only these types (skill, command, agent, hook, mcp); comma-separated.")
  List<String> types;

  @Option(
      names = {"-s", "--status"},
      split = ",",
      paramLabel = "STATUS",
      description =
          "Only artifacts with one of these statuses on either edge, e.g. outdated,conflict.")
  List<String> statuses;

  @Option(names = "--refresh", description = "Fetch the upstreams first.")
  boolean refresh;

  @Override
  public Integer call() {
    Map<String, Object> query = scope.addTo(ApiClient.query());
    query.put("type", types == null ? null : String.join(",", types));
    query.put("status", statuses == null ? null : String.join(",", statuses));
    query.put("refresh", refresh ? "true" : null);
    JsonNode list = root.api().get(ApiClient.path("/api/v1/artifacts", query));
    if (root.json()) {
      Json.print(root.terminal().out(), list);
    } else {
      print(list, root.style(), root.terminal().out());
    }
    return ExitCodes.ofStatus(list);
  }

  /** The table, the problems found and a one-line summary. */
  static void print(JsonNode list, Style style, PrintStream out) {
    Table table =
        new Table("ARTIFACT", "UPSTREAM -> COLLECTION", "COLLECTION -> PROJECT", "OVERALL")
            .colour(1, style::label)
            .colour(2, style::label)
            .colour(3, style::label);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (JsonNode item : list.path("items")) {
      JsonNode status = item.path("status");
      String overall = Json.text(status, "overall");
      table.row(
          Json.text(item, "artifact_id") + (item.at("/policy/held").asBoolean() ? " [held]" : ""),
          Json.text(status, "upstream_to_collection"),
          Json.text(status, "collection_to_project"),
          overall);
      counts.merge(overall == null ? "with no edge" : overall, 1, Integer::sum);
    }
    if (table.isEmpty()) {
      out.println("No artifacts" + (list.path("project_path").isNull() ? "" : " here") + ".");
    } else {
      table.print(out);
    }
    for (JsonNode item : list.path("items")) {
      String id = Json.text(item, "artifact_id");
      if (Json.text(item, "upstream_error") != null) {
        out.println(style.red("!") + " " + id + ": upstream: " + Json.text(item, "upstream_error"));
      }
      if (Json.text(item, "error") != null) {
        out.println(style.red("!") + " " + id + ": " + Json.text(item, "error"));
      }
    }
    for (JsonNode error : list.path("errors")) {
      if (Json.text(error, "artifact_id") == null) {
        out.println(style.red("!") + " " + location(error) + ": " + Json.text(error, "reason"));
      }
    }
    if (!counts.isEmpty()) {
      int total = list.path("total").asInt(list.path("items").size());
      out.println();
      out.println(
          total + (total == 1 ? " artifact: " : " artifacts: ") + JobReport.counts(counts, ""));
    }
    out.flush();
  }

  private static String location(JsonNode error) {
    String file = Json.text(error, "file");
    String line = Json.text(error, "line");
    String key = Json.text(error, "key");
    return file + (line == null ? "" : ":" + line) + (key == null ? "" : ": " + key);
  }
}
