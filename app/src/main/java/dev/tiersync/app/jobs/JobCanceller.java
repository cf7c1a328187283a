package dev.tiersync.app.jobs;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.workflows.jobs.JobState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Cancels jobs. Queued, lock-waiting and running jobs are asked to stop (each artifact keeps its
 * old or its new version); one that does not stop within a few seconds is terminated, except that
 * a job writing an artifact gets up to a minute to finish that write (the workflow then ends
 * canceled and releases its locks, which a terminated job cannot do). A job that already ended is
 * returned as it is.
 */
@Service
class JobCanceller {
  static final Duration CANCEL_GRACE = Duration.ofSeconds(5);
  /**
   * How long a cancel waits for a job that is writing an artifact (phase apply or resolve): the
   * workflow waits for that write to finish (it is atomic and not interrupted), then ends and
   * releases its locks. Terminating it earlier would leave its locks held until the lock's lease.
   */
  static final Duration WRITE_GRACE = Duration.ofSeconds(60);
  private static final Set<String> WRITE_PHASES = Set.of("apply", "resolve");
  private static final long POLL_MILLIS = 25;

  private final JobStore store;
  private final JobViews views;
  private final WorkflowClient client;
  private final JobFinisher finisher;
  private final Clock clock;

  JobCanceller(JobStore store, JobViews views, WorkflowClient client, JobFinisher finisher, Clock clock) {
    this.store = store;
    this.views = views;
    this.client = client;
    this.finisher = finisher;
    this.clock = clock;
  }

  /**
   * Cancels a job and returns its status once it has ended.
   *
   * @throws ApiException 404 when there is no such job
   */
  JobView cancel(String jobId) {
    JobRecord r = store.find(jobId).orElseThrow(() -> ApiException.notFound("no job " + jobId));
    if (JobStates.terminal(r.state())) {
      return views.view(r);
    }
    WorkflowStub stub = client.newUntypedWorkflowStub(jobId);
    try {
      stub.cancel();
    } catch (WorkflowNotFoundException e) {
      finisher.finish(r, JobState.CANCELED, "canceled (workflow was not running)");
      return views.view(store.find(jobId).orElseThrow());
    }
    Instant asked = clock.instant();
    Duration grace = CANCEL_GRACE;
    while (true) {
      JobRecord now = store.find(jobId).orElseThrow();
      if (JobStates.terminal(now.state())) {
        return views.view(now);
      }
      grace = JobStates.RUNNING.equals(now.state()) && WRITE_PHASES.contains(now.phase()) ? WRITE_GRACE : CANCEL_GRACE;
      if (!clock.instant().isBefore(asked.plus(grace))) {
        break;
      }
      sleep(POLL_MILLIS);
    }
    try {
      stub.terminate("canceled: did not stop within " + grace.toSeconds() + " s");
    } catch (WorkflowNotFoundException e) {
      // It ended between the last look and now.
    }
    finisher.finish(store.find(jobId).orElseThrow(), JobState.CANCELED, "canceled (terminated)");
    return views.view(store.find(jobId).orElseThrow());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
