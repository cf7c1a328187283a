package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tiersync collection browse URL}: what an upstream Git repository holds ({@code GET
 * /api/v1/upstreams/artifacts}), as a table whose descriptions are cut to the terminal's width.
 */
@Command(
    name = "browse",
    header = "List the artifacts an upstream Git repository holds.",
    description = {
      "Lists the artifacts a Git repository holds at a branch, tag or commit (default: its "
          + "default branch): id, path (what 'collection add' takes), the last commit that "
          + "changed it and its description. URL: https://, ssh://, user@host:path, git://, "
          + "file://, a local path, or a GitHub tree URL (only that folder).",
      "Exit: 0 listed, 3 bad input (an unknown URL or ref) or a host that cannot be reached."
    })
final class CollectionBrowseCommand implements Callable<Integer> {
  @ParentCommand CollectionCommand parent;

  @Parameters(index = "0", paramLabel = "URL", description = "The Git repository.")
  String url;

  @Option(
      names = "--ref",
      paramLabel = "REF",
      description = "A branch, tag or commit (default: the repository's default branch).")
  String ref;

  @Override
  public Integer call() {
    Tiersync root = parent.root;
    Map<String, Object> query = ApiClient.query();
    query.put("url", url);
    query.put("ref", ref);
    JsonNode listing = root.api().get(ApiClient.path("/api/v1/upstreams/artifacts", query));
    if (root.json()) {
      Json.print(root.terminal().out(), listing);
    } else {
      print(listing, root.terminal().out(), root.terminal().outputWidth());
    }
    return ExitCodes.OK;
  }

  /** The repository and commit listed, then one row per artifact, fitted to {@code width}. */
  static void print(JsonNode listing, PrintStream out, int width) {
    out.println(
        Json.text(listing, "repository")
            + " at "
            + Json.text(listing, "ref")
            + " ("
            + GitText.shortSha(Json.text(listing, "commit"))
            + "):");
    Table table = new Table("ARTIFACT", "PATH", "LAST COMMIT", "DESCRIPTION");
    for (JsonNode item : listing.path("items")) {
      JsonNode last = item.path("last_commit");
      String day = GitText.day(Json.text(last, "date"));
      String subject = Objects.requireNonNullElse(Json.text(last, "subject"), "");
      table.row(
          Json.text(item, "artifact_id"),
          Json.text(item, "path"),
          day == null ? null : day + " " + Table.cut(subject, 40),
          oneLine(Json.text(item, "description")));
    }
    if (table.isEmpty()) {
      out.println("  no artifacts");
    } else {
      table.fit(width).print(out);
    }
    out.println();
    int n = listing.path("items").size();
    out.println(
        n
            + (n == 1 ? " artifact." : " artifacts.")
            + " Add with: tiersync collection add URL PATH...");
    out.flush();
  }

  /** A Markdown description folded onto one line. */
  private static String oneLine(String text) {
    return text == null ? null : text.strip().replaceAll("\\s+", " ");
  }
}
