package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tiersync cancel ID}: cancels a job ({@code DELETE /api/v1/sync/jobs/{id}}); the server
 * answers once the job has ended. An ended job is left as it was.
 */
@Command(
    name = "cancel",
    header = "Cancel a job.",
    description = "Cancels a job and shows how it ended (an ended job is left as it was).")
final class CancelCommand implements Callable<Integer> {
  @ParentCommand Tiersync root;

  @Parameters(index = "0", paramLabel = "JOB", description = "The job id.")
  String jobId;

  @Override
  public Integer call() {
    JsonNode job = root.api().delete("/api/v1/sync/jobs/" + ApiClient.segment(jobId));
    if (root.json()) {
      Json.print(root.terminal().out(), job);
    } else {
      new JobReport(root.style(), root.terminal().out()).outcome(job);
    }
    return ExitCodes.OK;
  }
}
