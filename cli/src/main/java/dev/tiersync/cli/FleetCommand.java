package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tiersync fleet}: every artifact against every known project ({@code GET /api/v1/fleet}). */
@Command(
    name = "fleet",
    header = "Show every artifact of a collection in every known project.",
    description = {
      "A table of the collection's artifacts (rows) against the known projects (columns): the "
          + "upstream -> collection status, then collection -> project in each project "
          + "('-' where neither has the artifact).",
      "Exit: 0 all synced, 1 drift, 2 a conflict or an artifact in error, 3 server error."
    })
final class FleetCommand implements Callable<Integer> {
  @ParentCommand Tiersync root;

  @Mixin CollectionOption collection;

  @Option(
      names = {"-t", "--type"},
      split = ",",
      paramLabel = "TYPE",
      description = "Only these types (skill, command, agent, hook, mcp); comma-separated.")
  List<String> types;

  @Option(names = "--drift", description = "Only the artifacts with an edge that is not synced.")
  boolean drift;

  @Override
  public Integer call() {
    Map<String, Object> query = ApiClient.query();
    query.put("collection", collection.collection);
    query.put("type", types == null ? null : String.join(",", types));
    query.put("drift", drift ? "true" : null);
    JsonNode fleet = root.api().get(ApiClient.path("/api/v1/fleet", query));
    if (root.json()) {
      Json.print(root.terminal().out(), fleet);
    } else {
      print(fleet, root.style(), root.terminal().out());
    }
    return ExitCodes.ofFleet(fleet);
  }

  /** The matrix, then the problems found and the projects' paths. */
  static void print(JsonNode fleet, Style style, PrintStream out) {
    List<String> headers = new ArrayList<>(List.of("ARTIFACT", "UPSTREAM"));
    for (JsonNode project : fleet.path("projects")) {
      headers.add(Json.text(project, "name"));
    }
    Table table = new Table(headers.toArray(String[]::new));
    for (int i = 1; i < headers.size(); i++) {
      table.colour(i, style::label);
    }
    for (JsonNode artifact : fleet.path("artifacts")) {
      List<String> row = new ArrayList<>();
      row.add(Json.text(artifact, "artifact_id"));
      row.add(Json.text(artifact, "upstream_to_collection"));
      for (JsonNode cell : artifact.path("cells")) {
        row.add(Json.text(cell, "collection_to_project"));
      }
      table.row(row.toArray(String[]::new));
    }
    if (table.isEmpty()) {
      out.println("No artifacts.");
    } else {
      table.print(out);
    }
    for (JsonNode artifact : fleet.path("artifacts")) {
      String id = Json.text(artifact, "artifact_id");
      if (Json.text(artifact, "upstream_reason") != null
          && List.of("error", "unreachable").contains(Json.text(artifact, "upstream_to_collection"))) {
        out.println(style.red("!") + " " + id + ": upstream: " + Json.text(artifact, "upstream_reason"));
      }
      for (JsonNode cell : artifact.path("cells")) {
        if ("error".equals(Json.text(cell, "collection_to_project"))) {
          out.println(
              style.red("!") + " " + id + " in " + Json.text(cell, "project_path") + ": "
                  + Json.text(cell, "reason"));
        }
      }
    }
    for (JsonNode error : fleet.path("errors")) {
      out.println(style.red("!") + " " + Json.text(error, "message"));
    }
    if (!fleet.path("projects").isEmpty()) {
      out.println();
      for (JsonNode project : fleet.path("projects")) {
        out.println(Json.text(project, "name") + ": " + Json.text(project, "path"));
      }
    }
    out.flush();
  }
}
