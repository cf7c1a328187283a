package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;

/**
 * Starts or looks up a job and follows it to its end: the event stream is opened first, so that no
 * transition of a job created after it is missed.
 */
final class JobRunner {
  private final Tiersync root;

  JobRunner(Tiersync root) {
    this.root = root;
  }

  /** Creates a job with {@code POST path} and follows it. */
  JobFollower.Followed start(String path, JsonNode body) {
    return run(() -> root.api().post(path, body));
  }

  /**
   * Creates a job with {@code create}, one request answering its status document, and follows it.
   */
  JobFollower.Followed run(Supplier<JsonNode> create) {
    try (EventStream events = EventStream.open(root.api())) {
      return follower().follow(events, create.get());
    }
  }

  /** Follows the job {@code id}, which may already have ended. */
  JobFollower.Followed follow(String id) {
    try (EventStream events = EventStream.open(root.api())) {
      JsonNode job = root.api().get("/api/v1/sync/jobs/" + ApiClient.segment(id));
      return follower().follow(events, job);
    }
  }

  /**
   * Prints how a followed job ended (its document with {@code --output json}) and returns the exit
   * code: the job's ({@link ExitCodes#ofJob}), or 130 when this run was interrupted.
   */
  int finish(JobFollower.Followed run) {
    if (root.json()) {
      Json.print(root.terminal().out(), run.job());
    } else {
      new JobReport(root.style(), root.terminal().out()).outcome(run.job());
    }
    return run.interrupted() ? ExitCodes.INTERRUPTED : ExitCodes.ofJob(run.job());
  }

  private JobFollower follower() {
    return new JobFollower(root.api(), root.terminal(), Progress.of(root.terminal(), root.json()));
  }
}
