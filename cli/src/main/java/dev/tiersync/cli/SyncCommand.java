package dev.tiersync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tiersync sync}: a dry run first, whose plan is printed; with {@code --apply} (and a yes on
 * a terminal, or {@code --yes}) the same request is then run for real and followed to its end.
 */
@Command(
    name = "sync",
    header = "Plan a sync along one edge; apply it with --apply.",
    description = {
      "Plans a sync along one edge and prints the plan (a dry run: nothing is written). With "
          + "--apply, then applies it, following the job (asks first on a terminal unless --yes).",
      "Exit: 0 success (or nothing to do), 1 conflict, 2 error, 3 bad input or server error; a "
          + "dry run exits as its apply would: 1 when it predicts a conflict."
    })
final class SyncCommand implements Callable<Integer> {
  /** The directions a sync job takes. */
  static final class Directions extends ArrayList<String> {
    Directions() {
      super(List.of("upstream_to_collection", "collection_to_project", "project_to_collection"));
    }
  }

  /** The merge strategies. */
  static final class Strategies extends ArrayList<String> {
    Strategies() {
      super(List.of("auto", "ours", "theirs"));
    }
  }

  @ParentCommand Tiersync root;

  @Mixin ScopeOptions scope;

  @Option(
      names = {"-d", "--direction"},
      required = true,
      paramLabel = "DIRECTION",
      completionCandidates = Directions.class,
      description = "${COMPLETION-CANDIDATES}.")
  String direction;

  @Parameters(
      paramLabel = "ARTIFACT",
      arity = "0..*",
      description = "The artifacts (type:name); none: every artifact of the collection.")
  List<String> artifactIds;

  @Option(names = "--apply", description = "Apply the plan after showing it.")
  boolean apply;

  @Option(
      names = "--strategy",
      paramLabel = "STRATEGY",
      completionCandidates = Strategies.class,
      description = "How both-sides changes merge: ${COMPLETION-CANDIDATES} (default auto).")
  String strategy;

  @Option(
      names = {"-y", "--yes"},
      description = "Apply without asking (scripts).")
  boolean yes;

  @Override
  public Integer call() {
    ObjectNode body = scope.jobRequest(artifactIds);
    body.put("direction", direction);
    Json.putIfSet(body, "strategy", strategy);
    body.put("dry_run", true);
    JobRunner runner = new JobRunner(root);
    Terminal terminal = root.terminal();
    JobReport report = new JobReport(root.style(), terminal.out());

    JobFollower.Followed dryRun = runner.start("/api/v1/sync/jobs", body);
    if (dryRun.interrupted()) {
      return runner.finish(dryRun);
    }
    boolean nothingToDo = !JobReport.writesAnything(dryRun.job());
    boolean failed = !"success".equals(Json.text(dryRun.job(), "state"));
    if (!apply || nothingToDo || failed) {
      if (root.json()) {
        Json.print(terminal.out(), dryRun.job());
      } else {
        report.plan(dryRun.job());
        if (!apply && !nothingToDo && !failed) {
          terminal.out().println("Nothing written. Apply with --apply.");
        } else if (apply && nothingToDo && !failed) {
          terminal.out().println("Nothing to apply.");
        }
      }
      return ExitCodes.ofPlan(dryRun.job());
    }
    if (!root.json()) {
      report.plan(dryRun.job());
    }
    if (!yes && terminal.interactive() && !terminal.confirm("Apply this plan?")) {
      terminal.err().println("Not applied.");
      return ExitCodes.OK;
    }
    body.put("dry_run", false);
    return runner.finish(runner.start("/api/v1/sync/jobs", body));
  }
}
