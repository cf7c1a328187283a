package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Jobs as text: a dry run's plan, a finished job's outcomes, conflicts and next step. */
final class JobReport {
  private final Style style;
  private final PrintStream out;

  JobReport(Style style, PrintStream out) {
    this.style = style;
    this.out = out;
  }

  /** A dry run's plan, one row per artifact (or collection), and a count per action. */
  void plan(JsonNode job) {
    // A sync is named by its direction (there are three); every other kind by itself.
    String kind = Json.text(job, "kind");
    out.println(
        "Plan of "
            + ("sync".equals(kind) ? Json.text(job, "direction") : kind)
            + " (dry run "
            + Json.text(job, "job_id")
            + "):");
    if (!"success".equals(Json.text(job, "state"))) {
      outcome(job);
      return;
    }
    Table table = new Table("ACTION", "ARTIFACT", "FILES", "NOTE").colour(0, style::label);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (JsonNode plan : job.path("plans")) {
      String action = Json.text(plan, "action");
      counts.merge(action, 1, Integer::sum);
      StringBuilder note = new StringBuilder();
      for (JsonNode c : plan.path("predicted_conflicts")) {
        note.append(note.length() == 0 ? "conflict: " : ", ")
            .append(Json.text(c, "path"))
            .append(" (")
            .append(Json.text(c, "kind"))
            .append(')');
      }
      String reason =
          Json.text(plan, "error") != null ? Json.text(plan, "error") : Json.text(plan, "reason");
      if (note.length() == 0 && reason != null) {
        note.append(reason);
      }
      table.row(
          action,
          Json.text(plan, "artifact_id"),
          files(
              plan.path("files_added").size(),
              plan.path("files_removed").size(),
              plan.path("files_modified").size()),
          note.toString());
    }
    if (table.isEmpty()) {
      out.println("  no artifacts");
    } else {
      table.print(out);
    }
    out.println();
    out.println("Plan: " + counts(counts, "artifacts") + ".");
    out.flush();
  }

  /** Whether a dry run found anything to write (the engine's {@code PlanAction.writes()}). */
  static boolean writesAnything(JsonNode dryRun) {
    for (JsonNode plan : dryRun.path("plans")) {
      switch (Json.text(plan, "action")) {
        case "create", "update", "merge", "conflict", "remove" -> {
          return true;
        }
        default -> {}
      }
    }
    return false;
  }

  /** A finished job: its state line, the outcome per artifact, conflicts and what to do next. */
  void outcome(JsonNode job) {
    String id = Json.text(job, "job_id");
    String state = Json.text(job, "state");
    StringBuilder head = new StringBuilder();
    head.append(id).append(' ').append(style.label(state));
    if (job.hasNonNull("duration_ms")) {
      head.append(" in ").append(duration(job.path("duration_ms").asLong()));
    }
    head.append(" (").append(Json.text(job, "kind"));
    if (Json.text(job, "direction") != null) {
      head.append(' ').append(Json.text(job, "direction"));
    }
    head.append(')');
    out.println(head);
    Table table = new Table("ARTIFACT", "OUTCOME", "FILES", "REASON").colour(1, style::label);
    for (JsonNode a : job.path("artifacts")) {
      table.row(
          Json.text(a, "artifact_id"),
          Json.text(a, "outcome"),
          files(
              a.path("files_added").asInt(),
              a.path("files_removed").asInt(),
              a.path("files_modified").asInt()),
          Objects.requireNonNullElse(Json.text(a, "reason"), ""));
    }
    if (!table.isEmpty()) {
      table.print(out);
    }
    if (!job.path("conflicts").isEmpty()) {
      out.println("Conflicts:");
      for (JsonNode c : job.path("conflicts")) {
        out.println(
            "  "
                + Json.text(c, "artifact_id")
                + "  "
                + Json.text(c, "path")
                + " ("
                + Json.text(c, "kind")
                + ")");
      }
    }
    if (!job.path("unresolved_files").isEmpty()) {
      out.println("Still holding conflict markers:");
      for (JsonNode f : job.path("unresolved_files")) {
        out.println("  " + f.asText());
      }
    }
    if ("error".equals(state)) {
      String log = Json.text(job, "log_excerpt");
      if (log != null && !log.isBlank()) {
        String[] lines = log.strip().split("\n");
        out.println("Last log line: " + lines[lines.length - 1]);
      }
    }
    if ("conflict".equals(state) && "sync".equals(Json.text(job, "kind"))) {
      out.println("Resolve with: tiersync resolve --job " + id + " --strategy auto|ours|theirs");
    }
    out.flush();
  }

  /** {@code +1 -0 ~2}: files added, removed, modified. */
  static String files(int added, int removed, int modified) {
    if (added + removed + modified == 0) {
      return "";
    }
    return "+" + added + " -" + removed + " ~" + modified;
  }

  /** {@code 1.2 s}, {@code 850 ms}, {@code 2 min 5 s}. */
  static String duration(long ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
  }

  /** {@code 2 update, 1 none} style counts, or {@code no <noun>} when empty. */
  static String counts(Map<String, Integer> counts, String noun) {
    if (counts.isEmpty()) {
      return "no " + noun;
    }
    StringBuilder b = new StringBuilder();
    counts.forEach((k, n) -> b.append(b.length() == 0 ? "" : ", ").append(n).append(' ').append(k));
    return b.toString();
  }
}
