package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

/**
 * How a followed job shows on stderr: a progress bar redrawn in place on a terminal (phase, pct,
 * current artifact), one line per transition when stderr is not a terminal, or nothing (for {@code
 * --output json} off a terminal).
 */
abstract class Progress {
  /** Shows the job's latest status document. */
  abstract void show(JsonNode job);

  /** Clears what is drawn in place, before other output (a question, the result). */
  void clear() {}

  /** The progress of a job, for what {@code terminal} is. */
  static Progress of(Terminal terminal, boolean json) {
    if (terminal.stderrIsTerminal()) {
      return new Bar(terminal.err(), terminal.columns());
    }
    return json
        ? new Progress() {
          @Override
          void show(JsonNode job) {}
        }
        : new Lines(terminal.err());
  }

  /** One line per transition: {@code job-…: running (apply 75%) skill:a}. */
  static final class Lines extends Progress {
    private final PrintStream err;
    private String last;

    Lines(PrintStream err) {
      this.err = err;
    }

    @Override
    void show(JsonNode job) {
      String line = describe(job);
      if (!line.equals(last)) {
        err.println(line);
        err.flush();
        last = line;
      }
    }
  }

  /** A bar redrawn in place with a carriage return, cut to the terminal's width. */
  static final class Bar extends Progress {
    private static final String SPINNER = "|/-\\";
    private static final int WIDTH = 20;

    private final PrintStream err;
    private final int columns;
    private int ticks;
    private boolean drawn;

    Bar(PrintStream err, int columns) {
      this.err = err;
      this.columns = columns;
    }

    @Override
    void show(JsonNode job) {
      String line = render(job, ticks++);
      if (line.length() >= columns) {
        line = line.substring(0, columns - 1);
      }
      err.print("\r" + line + "\u001b[K");
      err.flush();
      drawn = true;
    }

    @Override
    void clear() {
      if (drawn) {
        err.print("\r\u001b[K");
        err.flush();
        drawn = false;
      }
    }

    static String render(JsonNode job, int tick) {
      int pct = Math.max(0, Math.min(100, job.path("pct").asInt()));
      int filled = pct * WIDTH / 100;
      String state = Json.text(job, "state");
      String phase = Json.text(job, "phase");
      StringBuilder b = new StringBuilder();
      b.append(SPINNER.charAt(tick % SPINNER.length())).append(' ');
      b.append(shortId(Json.text(job, "job_id"))).append(' ');
      b.append(String.format("%-7s ", phase == null ? state : phase));
      b.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
      b.append(String.format("%3d%%", pct));
      String detail = detail(job);
      if (detail != null) {
        b.append(' ').append(detail);
      }
      return b.toString();
    }
  }

  /** The first 12 characters of a job id ({@code job-} and 8 hex digits): unique enough to see. */
  static String shortId(String jobId) {
    return jobId == null || jobId.length() <= 12 ? jobId : jobId.substring(0, 12);
  }

  /** {@code job-…: running (apply 75%) skill:a}, or with the reason a queued job waits. */
  static String describe(JsonNode job) {
    StringBuilder b = new StringBuilder();
    b.append(Json.text(job, "job_id")).append(": ").append(Json.text(job, "state"));
    String phase = Json.text(job, "phase");
    b.append(" (");
    if (phase != null) {
      b.append(phase).append(' ');
    }
    b.append(job.path("pct").asInt()).append("%)");
    String detail = detail(job);
    if (detail != null) {
      b.append(' ').append(detail);
    }
    return b.toString();
  }

  private static String detail(JsonNode job) {
    String waiting = Json.text(job, "waiting_reason");
    return waiting != null ? waiting : currentArtifact(job);
  }

  /**
   * The artifact a running job works on, as far as its status document tells: in the apply phase
   * the first planned write not yet reported, else the last artifact reported, else the only
   * artifact asked for; null when not known.
   */
  static String currentArtifact(JsonNode job) {
    if (!"running".equals(Json.text(job, "state"))) {
      return null;
    }
    Set<String> done = new HashSet<>();
    String last = null;
    for (JsonNode a : job.path("artifacts")) {
      last = Json.text(a, "artifact_id");
      done.add(last);
    }
    if ("apply".equals(Json.text(job, "phase"))) {
      for (JsonNode plan : job.path("plans")) {
        String id = Json.text(plan, "artifact_id");
        String action = Json.text(plan, "action");
        boolean writes = Set.of("create", "update", "merge", "conflict").contains(action);
        if (writes && !done.contains(id)) {
          return id;
        }
      }
    }
    if (last != null) {
      return last;
    }
    JsonNode asked = job.path("request").path("artifact_ids");
    return asked.size() == 1 ? asked.get(0).asText() : null;
  }
}
