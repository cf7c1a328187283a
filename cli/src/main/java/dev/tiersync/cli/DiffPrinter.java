package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/**
 * Prints a diff answer as {@code git diff} does: a Git-style unified diff (coloured when the style
 * is on), or with {@code --stat} one line per changed file and the totals.
 */
final class DiffPrinter {
  /** The widest +/- graph of a stat line, as git's default. */
  private static final int GRAPH_WIDTH = 40;

  private final Style style;
  private final PrintStream out;

  DiffPrinter(Style style, PrintStream out) {
    this.style = style;
    this.out = out;
  }

  /** The unified diff of every changed file. */
  void patch(JsonNode diff) {
    for (JsonNode file : diff.path("files")) {
      String status = Json.text(file, "status");
      if ("unchanged".equals(status)) {
        continue;
      }
      String path = Json.text(file, "path");
      out.println(style.bold("diff --git a/" + path + " b/" + path));
      if ("added".equals(status)) {
        out.println(style.bold("new file mode " + Json.text(file, "new_mode")));
      } else if ("removed".equals(status)) {
        out.println(style.bold("deleted file mode " + Json.text(file, "old_mode")));
      }
      String text = Json.text(file, "unified_diff");
      if (file.path("binary").asBoolean()) {
        out.println(
            "Binary files "
                + ("added".equals(status) ? "/dev/null" : "a/" + path)
                + " and "
                + ("removed".equals(status) ? "/dev/null" : "b/" + path)
                + " differ");
      } else if (text == null) {
        String reason = Json.text(file, "omitted_reason");
        out.println(style.dim("(text left out: " + (reason == null ? "too large" : reason) + ")"));
      } else {
        for (String line : text.split("\n", -1)) {
          if (!line.isEmpty()) {
            out.println(colour(line));
          }
        }
      }
    }
    out.flush();
  }

  private String colour(String line) {
    if (line.startsWith("+++ ") || line.startsWith("--- ")) {
      return style.bold(line);
    }
    if (line.startsWith("@@")) {
      return style.cyan(line);
    }
    if (line.startsWith("+")) {
      return style.green(line);
    }
    if (line.startsWith("-")) {
      return style.red(line);
    }
    return line;
  }

  /** {@code git diff --stat}: one line per changed file, then the totals. */
  void stat(JsonNode diff) {
    int nameWidth = 0;
    int maxChange = 0;
    for (JsonNode file : diff.path("files")) {
      if (!"unchanged".equals(Json.text(file, "status"))) {
        nameWidth = Math.max(nameWidth, Json.text(file, "path").length());
        maxChange = Math.max(maxChange, changes(file));
      }
    }
    int countWidth = Integer.toString(maxChange).length();
    for (JsonNode file : diff.path("files")) {
      if ("unchanged".equals(Json.text(file, "status"))) {
        continue;
      }
      String path = Json.text(file, "path");
      StringBuilder line = new StringBuilder(" ").append(path);
      line.append(" ".repeat(nameWidth - path.length())).append(" | ");
      if (file.path("binary").asBoolean()) {
        line.append("Bin ")
            .append(size(file, "old_size"))
            .append(" -> ")
            .append(size(file, "new_size"))
            .append(" bytes");
      } else {
        int added = file.path("lines_added").asInt();
        int removed = file.path("lines_removed").asInt();
        String count = Integer.toString(added + removed);
        line.append(" ".repeat(countWidth - count.length())).append(count);
        int[] bar = graph(added, removed, maxChange);
        if (bar[0] + bar[1] > 0) {
          line.append(' ')
              .append(style.green("+".repeat(bar[0])))
              .append(style.red("-".repeat(bar[1])));
        }
      }
      out.println(line);
    }
    out.println(" " + shortStat(diff.path("summary")));
    out.flush();
  }

  /** {@code git diff --shortstat}'s sentence for a diff's summary. */
  static String shortStat(JsonNode summary) {
    int files =
        summary.path("files_added").asInt()
            + summary.path("files_removed").asInt()
            + summary.path("files_modified").asInt();
    int added = summary.path("lines_added").asInt();
    int removed = summary.path("lines_removed").asInt();
    StringBuilder b = new StringBuilder();
    b.append(files).append(files == 1 ? " file changed" : " files changed");
    if (added > 0 || removed == 0) {
      b.append(", ").append(added).append(added == 1 ? " insertion(+)" : " insertions(+)");
    }
    if (removed > 0 || added == 0) {
      b.append(", ").append(removed).append(removed == 1 ? " deletion(-)" : " deletions(-)");
    }
    return b.toString();
  }

  /** The number of + and - signs, scaled as git scales them when a file has many changes. */
  static int[] graph(int added, int removed, int maxChange) {
    if (maxChange <= GRAPH_WIDTH) {
      return new int[] {added, removed};
    }
    int plus = scale(added, maxChange);
    int minus = scale(removed, maxChange);
    return new int[] {plus, minus};
  }

  private static int scale(int n, int max) {
    return n == 0 ? 0 : Math.max(1, (int) ((long) n * GRAPH_WIDTH / max));
  }

  private static int changes(JsonNode file) {
    return file.path("lines_added").asInt() + file.path("lines_removed").asInt();
  }

  private static String size(JsonNode file, String field) {
    return file.path(field).isNumber() ? file.path(field).asText() : "0";
  }
}
