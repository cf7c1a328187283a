package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The flow of every command that changes a tier: the request is sent as a dry run first and its
 * plan printed; with {@code --apply} (and a yes on a terminal, or {@code --yes}) the same request
 * is then sent for real and followed to its end. A plan that writes nothing, or a dry run that
 * failed, is not applied.
 */
final class DryRunFirst {
  /** One job request, sent as a dry run or for real; answers the new job's status document. */
  interface Request {
    JsonNode start(boolean dryRun);
  }

  /** The exit codes of such commands, for their help. */
  static final String EXIT_CODES =
      "Exit: 0 success (or nothing to do), 1 conflict, 2 error, 3 bad input or server error; a "
          + "dry run exits as its apply would: 1 when it predicts a conflict.";

  private final Tiersync root;

  DryRunFirst(Tiersync root) {
    this.root = root;
  }

  /** Plans, maybe applies, and returns the exit code ({@link ExitCodes#ofPlan}, then the job's). */
  int run(Request request, ApplyOptions options) {
    JobRunner runner = new JobRunner(root);
    Terminal terminal = root.terminal();
    JobReport report = new JobReport(root.style(), terminal.out());

    JobFollower.Followed dryRun = runner.run(() -> request.start(true));
    if (dryRun.interrupted()) {
      return runner.finish(dryRun);
    }
    boolean nothingToDo = !JobReport.writesAnything(dryRun.job());
    boolean failed = !"success".equals(Json.text(dryRun.job(), "state"));
    if (!options.apply || nothingToDo || failed) {
      if (root.json()) {
        Json.print(terminal.out(), dryRun.job());
      } else {
        report.plan(dryRun.job());
        if (!options.apply && !nothingToDo && !failed) {
          terminal.out().println("Nothing written. Apply with --apply.");
        } else if (options.apply && nothingToDo && !failed) {
          terminal.out().println("Nothing to apply.");
        }
      }
      return ExitCodes.ofPlan(dryRun.job());
    }
    if (!root.json()) {
      report.plan(dryRun.job());
    }
    if (!options.yes && terminal.interactive() && !terminal.confirm("Apply this plan?")) {
      terminal.err().println("Not applied.");
      return ExitCodes.OK;
    }
    return runner.finish(runner.run(() -> request.start(false)));
  }
}
