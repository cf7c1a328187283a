package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tiersync job ID}: one job's status document ({@code GET /api/v1/sync/jobs/{id}}). */
@Command(
    name = "job",
    header = "Show one job.",
    description = "Its state, request, outcome per artifact, conflicts and result.")
final class JobCommand implements Callable<Integer> {
  @ParentCommand Tiersync root;

  @Parameters(index = "0", paramLabel = "JOB", description = "The job id.")
  String jobId;

  @Option(names = "--log", description = "Also print the job's last log lines.")
  boolean log;

  @Override
  public Integer call() {
    JsonNode job = root.api().get("/api/v1/sync/jobs/" + ApiClient.segment(jobId));
    if (root.json()) {
      Json.print(root.terminal().out(), job);
      return ExitCodes.OK;
    }
    PrintStream out = root.terminal().out();
    JobReport report = new JobReport(root.style(), out);
    boolean dryRun = job.path("request").path("dry_run").asBoolean();
    if (dryRun && "success".equals(Json.text(job, "state"))) {
      report.plan(job);
    } else {
      report.outcome(job);
    }
    out.println();
    JsonNode request = job.path("request");
    field(
        out,
        "state",
        Json.text(job, "state")
            + ", phase "
            + Json.text(job, "phase")
            + ", "
            + job.path("pct").asInt()
            + "%");
    field(out, "waiting", Json.text(job, "waiting_reason"));
    List<String> asked = new ArrayList<>();
    request.path("artifact_ids").forEach(v -> asked.add(v.asText()));
    field(out, "artifacts", asked.isEmpty() ? "every artifact" : String.join(", ", asked));
    field(out, "collection", Json.text(request, "collection"));
    field(out, "project", Json.text(request, "project_path"));
    field(out, "strategy", Json.text(request, "strategy"));
    field(out, "created", JobsCommand.time(Json.text(job, "created_at")));
    field(out, "started", JobsCommand.time(Json.text(job, "started_at")));
    field(out, "ended", JobsCommand.time(Json.text(job, "ended_at")));
    field(out, "trace", Json.text(job, "trace_id"));
    JsonNode result = job.path("result");
    if (result.isObject()) {
      result.fields().forEachRemaining(e -> field(out, e.getKey(), e.getValue().asText()));
    }
    if (log && Json.text(job, "log_excerpt") != null) {
      out.println();
      out.println(Json.text(job, "log_excerpt").stripTrailing());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void field(PrintStream out, String name, String value) {
    if (value != null) {
      out.printf("%-12s %s%n", name + ":", value);
    }
  }
}
