package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tiersync jobs}: recent jobs, newest first ({@code GET /api/v1/sync/jobs}). */
@Command(
    name = "jobs",
    header = "List jobs, newest first.",
    description = "Filters by state, direction and artifact; pages with --limit and --offset.")
final class JobsCommand implements Callable<Integer> {
  @ParentCommand Tiersync root;

  @Option(
      names = "--state",
      paramLabel = "STATE",
      description = "Only jobs in this state: queued, running, success, conflict, error, canceled.")
  String state;

  @Option(
      names = {"-d", "--direction"},
      paramLabel = "DIRECTION",
      description = "Only jobs along this direction.")
  String direction;

  @Option(
      names = "--artifact",
      paramLabel = "ARTIFACT",
      description = "Only jobs of this artifact.")
  String artifact;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      description = "At most N jobs (1-200, default ${DEFAULT-VALUE}).")
  int limit = 20;

  @Option(names = "--offset", paramLabel = "N", description = "Skip the N newest.")
  Integer offset;

  @Override
  public Integer call() {
    Map<String, Object> query = ApiClient.query();
    query.put("state", state);
    query.put("direction", direction);
    query.put("artifact", artifact);
    query.put("limit", limit);
    query.put("offset", offset);
    JsonNode page = root.api().get(ApiClient.path("/api/v1/sync/jobs", query));
    if (root.json()) {
      Json.print(root.terminal().out(), page);
    } else {
      print(page, root.style(), root.terminal().out());
    }
    return ExitCodes.OK;
  }

  static void print(JsonNode page, Style style, PrintStream out) {
    Table table =
        new Table("JOB", "KIND", "DIRECTION", "STATE", "PHASE", "CREATED", "DURATION", "DRY RUN")
            .colour(3, style::label);
    for (JsonNode job : page.path("items")) {
      table.row(
          Json.text(job, "job_id"),
          Json.text(job, "kind"),
          Json.text(job, "direction"),
          Json.text(job, "state"),
          Json.text(job, "phase") + " " + job.path("pct").asInt() + "%",
          time(Json.text(job, "created_at")),
          job.hasNonNull("duration_ms")
              ? JobReport.duration(job.path("duration_ms").asLong())
              : null,
          job.path("request").path("dry_run").asBoolean() ? "yes" : "no");
    }
    if (table.isEmpty()) {
      out.println("No jobs.");
    } else {
      table.print(out);
      int offset = page.path("offset").asInt();
      out.println();
      out.println(
          "Jobs "
              + (offset + 1)
              + "-"
              + (offset + page.path("items").size())
              + " of "
              + page.path("total").asLong()
              + ".");
    }
    out.flush();
  }

  /** An API timestamp to the second, {@code 2026-12-05T18:58:03Z}. */
  static String time(String instant) {
    if (instant == null) {
      return null;
    }
    try {
      return Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS).toString();
    } catch (DateTimeParseException e) {
      return instant;
    }
  }
}
