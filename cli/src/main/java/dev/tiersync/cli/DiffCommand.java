package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tiersync diff ID}: a Git-style diff of two versions of an artifact ({@code GET
 * /api/v1/artifacts/{id}/diff}), by default along the edge the scope names: collection -> project
 * with a project, else upstream -> collection (as the web UI pairs them).
 */
@Command(
    name = "diff",
    header = "Show how two versions of an artifact differ.",
    description = {
      "Shows how the --rhs version of an artifact differs from the --lhs version, as git diff "
          + "does (coloured on a terminal). Default: collection -> project with --project, else "
          + "upstream -> collection.",
      "Exit: 0 identical, 1 different, 2 the edge is in conflict, 3 server error."
    })
final class DiffCommand implements Callable<Integer> {
  /** The tiers a side can name. */
  static final class Tiers extends ArrayList<String> {
    Tiers() {
      super(List.of("upstream", "collection", "project", "base"));
    }
  }

  @ParentCommand Tiersync root;

  @Mixin ScopeOptions scope;

  @Parameters(index = "0", paramLabel = "ARTIFACT", description = "The artifact, type:name.")
  String artifactId;

  @Option(
      names = "--lhs",
      paramLabel = "TIER",
      completionCandidates = Tiers.class,
      description = "The left-hand (old) side: ${COMPLETION-CANDIDATES}.")
  String lhs;

  @Option(
      names = "--rhs",
      paramLabel = "TIER",
      completionCandidates = Tiers.class,
      description = "The right-hand (new) side: ${COMPLETION-CANDIDATES}.")
  String rhs;

  @Option(names = "--stat", description = "One line per changed file and the totals.")
  boolean stat;

  @Override
  public Integer call() {
    boolean withProject = scope.hasProject();
    String left = lhs != null ? lhs : withProject ? "collection" : "upstream";
    String right = rhs != null ? rhs : withProject ? "project" : "collection";
    Map<String, Object> query = ApiClient.query();
    query.put("lhs", left);
    query.put("rhs", right);
    scope.addTo(query);
    String base = "/api/v1/artifacts/" + ApiClient.segment(artifactId);
    JsonNode diff = root.api().get(ApiClient.path(base + "/diff", query));
    boolean identical = diff.path("identical").asBoolean();
    String edgeStatus = null;
    if (!identical) {
      JsonNode versions =
          root.api().get(ApiClient.path(base + "/versions", scope.addTo(ApiClient.query())));
      edgeStatus = Json.text(versions.path("status"), edge(left, right));
    }
    if (root.json()) {
      Json.print(root.terminal().out(), diff);
    } else {
      DiffPrinter printer = new DiffPrinter(root.style(), root.terminal().out());
      if (stat) {
        printer.stat(diff);
      } else {
        printer.patch(diff);
      }
      if (diff.path("truncated").asBoolean()) {
        root.terminal()
            .err()
            .println(
                "tiersync: some text was left out ("
                    + Json.text(diff, "truncated_reason")
                    + "); the full patch: "
                    + root.api().connection().server()
                    + Json.text(diff, "download_url"));
      }
    }
    return ExitCodes.ofDiff(identical, edgeStatus);
  }

  /** The status field of the edge two tiers form, or {@code overall} when they form none. */
  static String edge(String left, String right) {
    if (left.equals(right)) {
      return "overall";
    }
    Set<String> pair = Set.of(left, right);
    if (pair.equals(Set.of("upstream", "collection"))) {
      return "upstream_to_collection";
    }
    if (pair.equals(Set.of("collection", "project"))) {
      return "collection_to_project";
    }
    return "overall";
  }
}
