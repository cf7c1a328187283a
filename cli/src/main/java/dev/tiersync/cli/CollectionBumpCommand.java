package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tiersync collection bump ID}: the upstream commits the artifact is behind ({@code GET
 * /api/v1/artifacts/{id}/upstream/commits}), then an {@code upstream_to_collection} sync of it.
 *
 * <p>A sync rather than a pin to the entry's own {@code version_spec} (docs/api.md allows either):
 * its conflicts are settled like any sync's, by {@code tiersync resolve --job} (the resolve route
 * takes only sync jobs); it leaves {@code version_spec} as written by construction; and it is a
 * plain POST, so a bump never loads {@link HttpPatch}.
 */
@Command(
    name = "bump",
    header = "Show the upstream commits an artifact is behind and update it; with --apply.",
    description = {
      "Fetches the artifact's upstream, lists the commits that touched it since the version the "
          + "collection holds, and plans an upstream -> collection sync of it (version_spec is "
          + "left as it is: a tag stays where it is, a branch or latest moves to its head); with "
          + "--apply, syncs it.",
      "With --output json, prints the sync job's document (the commits are the API's "
          + "/api/v1/artifacts/{id}/upstream/commits).",
      DryRunFirst.EXIT_CODES
    })
final class CollectionBumpCommand implements Callable<Integer> {
  @ParentCommand CollectionCommand parent;

  @Mixin CollectionOption collection;

  @Parameters(index = "0", paramLabel = "ID", description = "The artifact (type:name).")
  String artifactId;

  @Mixin ApplyOptions apply;

  @Override
  public Integer call() {
    Tiersync root = parent.root;
    String artifact = "/api/v1/artifacts/" + ApiClient.segment(artifactId);
    Map<String, Object> query = ApiClient.query();
    query.put("collection", collection.name());
    // The commits route fetches only a ref the mirror does not know; a refreshed read of the
    // versions moves branches on, so that the list ends at the upstream's real head.
    query.put("refresh", "true");
    root.api().get(ApiClient.path(artifact + "/versions", query));
    query.remove("refresh");
    JsonNode commits = root.api().get(ApiClient.path(artifact + "/upstream/commits", query));
    if (!root.json()) {
      print(commits, root.terminal().out(), root.terminal().outputWidth());
    }
    ObjectNode body =
        Json.object()
            .put("direction", "upstream_to_collection")
            .put("collection", collection.name());
    body.putArray("artifact_ids").add(artifactId);
    return new DryRunFirst(root)
        .run(dryRun -> root.api().post("/api/v1/sync/jobs", body.put("dry_run", dryRun)), apply);
  }

  /** Where the artifact stands upstream and the commits it is behind, newest first. */
  static void print(JsonNode commits, PrintStream out, int width) {
    String head = GitText.shortSha(Json.text(commits, "head_sha"));
    String line =
        Json.text(commits, "artifact_id")
            + " follows "
            + Json.text(commits, "ref")
            + " of "
            + Json.text(commits, "repository")
            + " (head "
            + head
            + "): ";
    if (commits.path("behind").isNull() || commits.path("behind").isMissingNode()) {
      out.println(line + "no version recorded yet, the sync takes the head.");
    } else {
      int behind = commits.path("behind").asInt();
      out.println(
          line
              + behind
              + (behind == 1 ? " commit" : " commits")
              + " behind "
              + GitText.shortSha(Json.text(commits, "resolved_sha"))
              + (behind == 0 ? "." : ":"));
    }
    Table table = new Table("COMMIT", "DATE", "AUTHOR", "SUBJECT");
    for (JsonNode c : commits.path("items")) {
      table.row(
          GitText.shortSha(Json.text(c, "sha")),
          GitText.day(Json.text(c, "date")),
          Json.text(c, "author"),
          Json.text(c, "subject"));
    }
    if (!table.isEmpty()) {
      table.fit(width).print(out);
      int listed = commits.path("items").size();
      if (listed < commits.path("behind").asInt()) {
        out.println("  … and " + (commits.path("behind").asInt() - listed) + " older");
      }
    }
    out.println();
    out.flush();
  }
}
