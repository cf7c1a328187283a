package dev.tiersync.workflows.jobs;

import static dev.tiersync.workflows.jobs.JobCalls.attempts;
import static dev.tiersync.workflows.jobs.JobCalls.cancellation;
import static dev.tiersync.workflows.jobs.JobCalls.lower;
import static dev.tiersync.workflows.jobs.JobCalls.rootMessage;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.FileConflict;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.workflows.sync.JobEventActivities;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job's visible state: the {@link JobSnapshot} it answers queries with and publishes (through a
 * local activity) at every transition, the log excerpt, and how the job's body ends (success,
 * error, canceled). Each job workflow owns one; deterministic like all workflow code.
 */
public final class JobProgress {
  private static final int LOG_LINES = 50;

  /**
   * How long a transition waits for the job store: a shared PostgreSQL store that is down or
   * restarting fails every write, and the job then waits with its transition (retrying every few
   * seconds) rather than ending in error with a state nobody recorded. Retry options are not part
   * of the workflow's history, so this changes no replay.
   */
  static final Duration PUBLISH_PATIENCE = Duration.ofMinutes(10);

  private final JobEventActivities events =
      Workflow.newLocalActivityStub(
          JobEventActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setScheduleToCloseTimeout(PUBLISH_PATIENCE)
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumInterval(Duration.ofSeconds(15))
                      .setMaximumAttempts(0)
                      .build())
              .build());

  private String jobId;
  private JobState state = JobState.QUEUED;
  private String phase = "queued";
  private int pct;
  private String waitingReason;
  private List<ArtifactPlan> plans = new ArrayList<>();
  private final List<ArtifactResult> results = new ArrayList<>();
  private final List<FileConflict> conflicts = new ArrayList<>();
  private final List<String> unresolvedFiles = new ArrayList<>();
  private final Map<String, String> result = new HashMap<>();
  private final List<String> log = new ArrayList<>();

  /** Records the job id and publishes the first ({@code queued}) snapshot. */
  public void begin(String firstLogLine) {
    jobId = Workflow.getInfo().getWorkflowId();
    log(firstLogLine);
    publish();
  }

  /**
   * Runs a job's body with the handling every job shares: a cancellation (direct, or behind an
   * activity failure) marks the job canceled, publishes that final state and is rethrown; an
   * activity that failed after its retries ends the job in {@code error} with the reason logged.
   * The locks are released at the end on every path ({@link JobLocks#releaseAll}).
   *
   * @param locks the job's locks, which the body takes; null for a job that takes none
   */
  public JobSnapshot run(JobLocks locks, Runnable body) {
    try {
      body.run();
    } catch (CanceledFailure e) {
      canceled();
      throw e;
    } catch (ActivityFailure e) {
      CanceledFailure canceled = cancellation(e);
      if (canceled != null) {
        canceled();
        throw canceled;
      }
      log("error" + attempts(e) + ": " + rootMessage(e));
      finish(JobState.ERROR);
    } catch (JobFailed e) {
      waitingReason = null;
      log("error: " + e.getMessage());
      finish(JobState.ERROR);
    } finally {
      if (locks != null) {
        locks.releaseAll();
      }
    }
    return snapshot();
  }

  /**
   * Marks the job canceled and publishes that final state (from a detached scope, see {@link
   * #publish}). Artifacts written before the cancel took effect (an apply that was already running
   * when the cancel arrived completes, atomically) stay in the results and are named in the log.
   */
  private void canceled() {
    state = JobState.CANCELED;
    phase = "canceled";
    waitingReason = null;
    List<String> written = new ArrayList<>();
    for (ArtifactResult r : results) {
      if (r.outcome() != Outcome.ERROR
          && r.outcome() != Outcome.SKIPPED
          && r.outcome() != Outcome.UNCHANGED) {
        written.add(r.artifactId());
      }
    }
    log(
        written.isEmpty()
            ? "canceled"
            : "canceled; already written before the cancel took effect: "
                + String.join(", ", written));
    publishFinal();
  }

  /** Enters a phase of the job and publishes it. */
  public void transition(JobState s, String p, int percent) {
    state = s;
    phase = p;
    pct = percent;
    publish();
  }

  /** Ends the job in {@code s}; a job asked to cancel ends {@code canceled} instead. */
  public void finish(JobState s) {
    JobCalls.stopIfCanceled();
    state = s;
    phase = "done";
    pct = 100;
    log("finished: " + lower(s));
    publish();
  }

  /** The final state from per-artifact outcomes: any error wins, then any conflict. */
  public JobState stateFromResults() {
    boolean conflict = !unresolvedFiles.isEmpty();
    for (ArtifactResult r : results) {
      if (r.outcome() == Outcome.ERROR) {
        return JobState.ERROR;
      }
      conflict |= r.outcome() == Outcome.CONFLICT;
    }
    return conflict ? JobState.CONFLICT : JobState.SUCCESS;
  }

  /** Says why the job still waits (for a lock, a host), in its state and log, and publishes that. */
  public void waiting(String reason) {
    waitingReason = reason;
    log(reason);
    publish();
  }

  /** The job waits no longer; the next published snapshot says so. */
  public void waited() {
    waitingReason = null;
  }

  /**
   * Publishes the current snapshot. From a canceled scope it runs in a detached one, so that what
   * the job records after a cancel (the result of an apply that completed anyway) still reaches
   * the job store.
   */
  public void publish() {
    if (CancellationScope.current().isCancelRequested()) {
      Workflow.newDetachedCancellationScope(() -> events.publish(snapshot())).run();
    } else {
      events.publish(snapshot());
    }
  }

  /**
   * Publishes the final state of a canceled job. A failure here must not keep the job from ending
   * (and its locks from being released): the app marks a job that did not report its end when it
   * terminates or reconciles it.
   */
  private void publishFinal() {
    try {
      publish();
    } catch (ActivityFailure e) {
      log("could not publish the final state: " + rootMessage(e));
    }
  }

  /** Adds a line to the job's log excerpt (the last {@value #LOG_LINES} lines are kept). */
  public void log(String line) {
    log.add(line);
    if (log.size() > LOG_LINES) {
      log.remove(0);
    }
  }

  /** How far the job is, 0-100; published with the next transition or {@link #publish}. */
  public void percent(int percent) {
    pct = percent;
  }

  /** The plans the job acts on, in order. */
  public List<ArtifactPlan> plans() {
    return plans;
  }

  /** Sets the plans the job acts on. */
  public void plans(List<ArtifactPlan> planned) {
    plans = new ArrayList<>(planned);
  }

  /** Records the conflicting files of the plans. */
  public void addConflicts(List<FileConflict> files) {
    conflicts.addAll(files);
  }

  public int conflictCount() {
    return conflicts.size();
  }

  public List<ArtifactResult> results() {
    return results;
  }

  public void addResult(ArtifactResult r) {
    results.add(r);
  }

  /** Names a file a resolve left with conflict markers ({@code artifact/path}). */
  public void addUnresolved(String file) {
    unresolvedFiles.add(file);
  }

  /** Adds to the job's result map (e.g. the patch bundle's path and checksum). */
  public void putResult(Map<String, String> entries) {
    result.putAll(entries);
  }

  public JobSnapshot snapshot() {
    return new JobSnapshot(
        jobId, state, phase, pct, waitingReason, plans, results, conflicts, unresolvedFiles, log,
        new TreeMap<>(result));
  }
}
