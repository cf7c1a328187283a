package dev.tiersync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tiersync wait ID}: follows a job to its end, with progress, and exits by its state. */
@Command(
    name = "wait",
    header = "Follow a job until it ends.",
    description = {
      "Follows a job until it ends (a progress bar on a terminal, one line per transition "
          + "otherwise). Exit: 0 success, 1 conflict, 2 error or canceled, 3 server error."
    })
final class WaitCommand implements Callable<Integer> {
  @ParentCommand Tiersync root;

  @Parameters(index = "0", paramLabel = "JOB", description = "The job id.")
  String jobId;

  @Override
  public Integer call() {
    JobRunner runner = new JobRunner(root);
    return runner.finish(runner.follow(jobId));
  }
}
