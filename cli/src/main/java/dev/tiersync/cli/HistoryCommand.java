package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tiersync history ID}: every version each tier of an artifact held ({@code GET
 * /api/v1/artifacts/{id}/history}), with the short hashes {@code rollback} takes.
 */
@Command(
    name = "history",
    header = "List every version each tier of an artifact held.",
    description = {
      "Lists, per tier (upstream, collection, and with -p the project), every version the artifact "
          + "had, oldest first: its hash (the first 12 digits; rollback takes them), when, who "
          + "(the job that wrote it, or outside tiersync: an upstream commit, an edit on disk) and "
          + "why.",
      "Exit: 0, 3 bad input or server error."
    })
final class HistoryCommand implements Callable<Integer> {
  /** The tiers of a history answer, in the order they are listed. */
  static final List<String> TIERS = List.of("upstream", "collection", "project");

  /** How many digits of a hash the table shows. */
  static final int SHORT = 12;

  @ParentCommand Tiersync root;

  @Mixin ScopeOptions scope;

  @Parameters(index = "0", paramLabel = "ID", description = "The artifact (type:name).")
  String artifactId;

  @Override
  public Integer call() {
    JsonNode history = fetch(root.api(), artifactId, scope);
    if (root.json()) {
      Json.print(root.terminal().out(), history);
    } else {
      print(history, root.terminal().out());
    }
    return ExitCodes.OK;
  }

  static JsonNode fetch(ApiClient api, String artifactId, ScopeOptions scope) {
    Map<String, Object> query = scope.addTo(ApiClient.query());
    return api.get(ApiClient.path("/api/v1/artifacts/" + ApiClient.segment(artifactId) + "/history", query));
  }

  static void print(JsonNode history, PrintStream out) {
    Table table = new Table("TIER", "VERSION", "AT", "BY", "WHY");
    for (String tier : TIERS) {
      for (JsonNode e : history.path(tier)) {
        String hash = Json.text(e, "hash");
        table.row(
            tier,
            hash == null ? "(deleted)" : hash.substring(0, Math.min(SHORT, hash.length())),
            seconds(Json.text(e, "at")),
            by(e),
            why(tier, e));
      }
    }
    if (table.isEmpty()) {
      out.println("No versions recorded.");
      return;
    }
    table.print(out);
  }

  /** An ISO-8601 time to the second: {@code 2026-12-06T16:10:25Z}. */
  private static String seconds(String at) {
    return at == null ? null : at.replaceFirst("\\.\\d+Z$", "Z");
  }

  /** The job that wrote a version (and who started it), or outside tiersync (and the author). */
  private static String by(JsonNode e) {
    String actor = Json.text(e, "actor");
    String job = Json.text(e, "job_id");
    String who = job != null ? "job " + Progress.shortId(job) : "outside tiersync";
    return actor == null ? who : who + " (" + actor + ")";
  }

  /** The store's note, and the upstream commit with its subject where known. */
  private static String why(String tier, JsonNode e) {
    List<String> parts = new ArrayList<>();
    String note = Json.text(e, "note");
    if (note != null) {
      parts.add(note);
    }
    String commit = Json.text(e, "upstream_commit");
    if (commit != null) {
      String subject = Json.text(e, "upstream_subject");
      parts.add((tier.equals("upstream") ? "commit " : "from ") + GitText.shortSha(commit)
          + (subject == null ? "" : " " + subject));
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /**
   * The full hash of the artifact's version that {@code given} names: itself when it has all 64
   * digits, else the one version of the artifact's history (any tier) it begins.
   *
   * @throws CliException (usage) when no version, or more than one, begins with it
   */
  static String resolve(ApiClient api, String artifactId, ScopeOptions scope, String given) {
    if (given != null && given.matches("[0-9a-f]{1,6}")) {
      throw CliException.usage(
          "give at least 7 digits of the version's hash, not " + given.length() + " ('" + given + "')");
    }
    if (given == null || given.length() == 64 || !given.matches("[0-9a-f]{7,63}")) {
      return given; // the server names what is wrong with it
    }
    Set<String> matches = new LinkedHashSet<>();
    JsonNode history = fetch(api, artifactId, scope);
    for (String tier : TIERS) {
      for (JsonNode e : history.path(tier)) {
        String hash = Json.text(e, "hash");
        if (hash != null && hash.startsWith(given)) {
          matches.add(hash);
        }
      }
    }
    if (matches.size() == 1) {
      return matches.iterator().next();
    }
    throw CliException.usage(
        matches.isEmpty()
            ? "no version of " + artifactId + " begins with " + given + " (tiersync history "
                + artifactId + " lists them)"
            : given + " is ambiguous: " + matches.size() + " versions of " + artifactId
                + " begin with it; give more digits");
  }
}
