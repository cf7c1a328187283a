package dev.tiersync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tiersync resolve}: settles artifacts a sync left in conflict ({@code POST
 * /api/v1/sync/resolve}), by the conflicted job or by artifacts and direction, and follows the
 * resolve job. {@code ours} and {@code theirs} overwrite files, so a terminal asks first.
 */
@Command(
    name = "resolve",
    header = "Resolve the conflicts a sync left.",
    description = {
      "Resolves conflicts a sync left: by its job (--job) or by artifacts and --direction. auto "
          + "accepts files once no markers remain; ours/theirs overwrite the conflicted files with "
          + "the destination's or the source's version (the overwritten version stays in the "
          + "history).",
      "Exit: 0 resolved, 1 markers remain, 2 error, 3 bad input or server error."
    })
final class ResolveCommand implements Callable<Integer> {
  @ParentCommand Tiersync root;

  @Mixin ScopeOptions scope;

  @Parameters(
      paramLabel = "ARTIFACT",
      arity = "0..*",
      description = "The artifacts (type:name); with --job, narrows that job's conflicts.")
  List<String> artifactIds;

  @Option(names = "--job", paramLabel = "JOB", description = "The sync job in conflict.")
  String jobId;

  @Option(
      names = {"-d", "--direction"},
      paramLabel = "DIRECTION",
      completionCandidates = SyncCommand.Directions.class,
      description =
          "Without --job: the direction of the conflicted sync: ${COMPLETION-CANDIDATES}.")
  String direction;

  @Option(
      names = "--strategy",
      paramLabel = "STRATEGY",
      completionCandidates = SyncCommand.Strategies.class,
      description = "For every artifact: ${COMPLETION-CANDIDATES} (default auto).")
  String strategy;

  @Option(
      names = "--strategy-for",
      paramLabel = "ARTIFACT=STRATEGY",
      description = "Per artifact, e.g. --strategy-for skill:a=theirs (repeatable).")
  Map<String, String> strategies;

  @Option(
      names = {"-y", "--yes"},
      description = "Overwrite without asking (scripts).")
  boolean yes;

  @Override
  public Integer call() {
    ObjectNode body = scope.jobRequest(artifactIds);
    Json.putIfSet(body, "job_id", jobId);
    Json.putIfSet(body, "direction", direction);
    Json.putIfSet(body, "strategy", strategy);
    if (strategies != null && !strategies.isEmpty()) {
      ObjectNode map = body.putObject("strategies");
      strategies.forEach(map::put);
    }
    Terminal terminal = root.terminal();
    if (!yes && terminal.interactive() && overwrites()) {
      if (!terminal.confirm(
          "Overwrite the conflicted files with the chosen side? (The overwritten versions stay in"
              + " the history store.)")) {
        terminal.err().println("Nothing resolved.");
        return ExitCodes.OK;
      }
    }
    JobRunner runner = new JobRunner(root);
    return runner.finish(runner.start("/api/v1/sync/resolve", body));
  }

  private boolean overwrites() {
    List<String> sides = List.of("ours", "theirs");
    return sides.contains(strategy)
        || (strategies != null && strategies.values().stream().anyMatch(sides::contains));
  }
}
