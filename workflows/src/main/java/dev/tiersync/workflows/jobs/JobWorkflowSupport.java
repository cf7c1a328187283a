package dev.tiersync.workflows.jobs;

import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.lock.LockActivities;
import dev.tiersync.workflows.lock.LockHolder;
import dev.tiersync.workflows.lock.LockIds;
import dev.tiersync.workflows.lock.LockQueued;
import dev.tiersync.workflows.sync.JobEventActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every job workflow shares: its visible state (the {@link JobSnapshot} it publishes and
 * answers queries with), publishing transitions through a local activity, the log excerpt, the
 * retry policy, and taking and releasing per-artifact locks. Deterministic like all workflow code.
 */
public abstract class JobWorkflowSupport implements LockHolder {
  /** Transient IO gets exactly one retry; validation failures none. */
  public static final RetryOptions ONE_RETRY =
      RetryOptions.newBuilder()
          .setMaximumAttempts(2)
          .setInitialInterval(Duration.ofMillis(500))
          .setDoNotRetry(ErrorTypes.NON_RETRYABLE)
          .build();

  private static final int LOG_LINES = 50;

  private final LockActivities locks =
      Workflow.newActivityStub(
          LockActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(ONE_RETRY)
              .build());
  private final JobEventActivities events =
      Workflow.newLocalActivityStub(
          JobEventActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
              .build());

  protected String jobId;
  protected JobState state = JobState.QUEUED;
  protected String phase = "queued";
  protected int pct;
  protected String waitingReason;
  protected List<ArtifactPlan> plans = new ArrayList<>();
  protected final List<ArtifactResult> results = new ArrayList<>();
  protected final List<ConflictFile> conflicts = new ArrayList<>();
  protected final List<String> unresolvedFiles = new ArrayList<>();
  protected final Map<String, String> result = new HashMap<>();
  private final List<String> log = new ArrayList<>();
  private final Set<String> granted = new HashSet<>();
  private boolean waitingChanged;

  /** Options for a long activity that heartbeats. */
  protected static ActivityOptions longRunning(Duration startToClose) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(Duration.ofSeconds(30))
        .setRetryOptions(ONE_RETRY)
        .build();
  }

  /** Records the job id and publishes the first ({@code queued}) snapshot. */
  protected void begin(String firstLogLine) {
    jobId = Workflow.getInfo().getWorkflowId();
    log(firstLogLine);
    publish();
  }

  /**
   * Locks every listed artifact in the request's destination tier, in a fixed order so that two
   * jobs cannot deadlock; while waiting the job stays queued and says for which lock.
   */
  protected void acquireLocks(JobRequest req, List<String> held) {
    Map<String, String> wanted = new TreeMap<>();
    for (String id : req.artifactIds()) {
      wanted.put(lockId(req, id), req.direction().destinationTier() + " " + id);
    }
    for (Map.Entry<String, String> e : wanted.entrySet()) {
      String lockId = e.getKey();
      held.add(lockId);
      locks.requestLock(new LockActivities.LockCall(lockId, jobId, e.getValue()));
      while (!granted.contains(lockId)) {
        Workflow.await(() -> granted.contains(lockId) || waitingChanged);
        if (waitingChanged) {
          waitingChanged = false;
          log(waitingReason);
          publish();
        }
      }
    }
    waitingReason = null;
  }

  /**
   * Runs a job's body with the handling every job shares: a cancellation (direct, or behind an
   * activity failure) marks the job canceled, releases its locks and is rethrown; an activity that
   * failed after its retries ends the job in {@code error} with the reason logged; locks are
   * released at the end in every case.
   *
   * @param held the locks the body takes (it adds to the list as it acquires them)
   */
  protected JobSnapshot runGuarded(List<String> held, Runnable body) {
    try {
      body.run();
    } catch (io.temporal.failure.CanceledFailure e) {
      canceled(held);
      throw e;
    } catch (ActivityFailure e) {
      io.temporal.failure.CanceledFailure canceled = cancellation(e);
      if (canceled != null) {
        canceled(held);
        throw canceled;
      }
      log("error" + attempts(e) + ": " + rootMessage(e));
      finish(JobState.ERROR);
    } finally {
      if (state != JobState.CANCELED) {
        releaseLocks(held);
      }
    }
    return snapshot();
  }

  /**
   * Marks the job canceled, then, outside the canceled scope so that they still run, releases its
   * locks and publishes the final state. The caller rethrows the cancellation.
   */
  protected void canceled(List<String> held) {
    state = JobState.CANCELED;
    phase = "canceled";
    log("canceled");
    Workflow.newDetachedCancellationScope(
            () -> {
              releaseLocks(held);
              publish();
            })
        .run();
  }

  protected void releaseLocks(List<String> held) {
    for (String lockId : held) {
      Workflow.newUntypedExternalWorkflowStub(lockId).signal("release", jobId);
    }
    held.clear();
  }

  private static String lockId(JobRequest req, String artifactId) {
    return req.direction() == Direction.COLLECTION_TO_PROJECT
        ? LockIds.project(req.projectPath(), artifactId)
        : LockIds.collection(req.collection(), artifactId);
  }

  @Override
  public void lockGranted(String lockId) {
    granted.add(lockId);
  }

  @Override
  public void lockQueued(LockQueued queued) {
    if (!granted.contains(queued.lockId())) {
      waitingReason = "waiting for lock on " + queued.label() + ", held by job " + queued.holderId();
      waitingChanged = true;
    }
  }

  protected void transition(JobState s, String p, int percent) {
    state = s;
    phase = p;
    pct = percent;
    publish();
  }

  protected void finish(JobState s) {
    state = s;
    phase = "done";
    pct = 100;
    log("finished: " + lower(s));
    publish();
  }

  /** The final state from per-artifact outcomes: any error wins, then any conflict. */
  protected JobState stateFromResults() {
    boolean conflict = !unresolvedFiles.isEmpty();
    for (ArtifactResult r : results) {
      if (r.outcome() == Outcome.ERROR) {
        return JobState.ERROR;
      }
      conflict |= r.outcome() == Outcome.CONFLICT;
    }
    return conflict ? JobState.CONFLICT : JobState.SUCCESS;
  }

  protected void publish() {
    events.publish(snapshot());
  }

  protected void log(String line) {
    log.add(line);
    if (log.size() > LOG_LINES) {
      log.remove(0);
    }
  }

  /**
   * An activity interrupted by the job's cancellation fails with the cancellation as its cause;
   * that is a cancel, not an error of the artifact, so it is rethrown as one.
   */
  protected static void rethrowIfCanceled(ActivityFailure e) {
    io.temporal.failure.CanceledFailure canceled = cancellation(e);
    if (canceled != null) {
      throw canceled;
    }
  }

  /** The cancellation behind an activity failure, or null when the job was not canceled. */
  protected static io.temporal.failure.CanceledFailure cancellation(ActivityFailure e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.temporal.failure.CanceledFailure c) {
        return c;
      }
    }
    if (io.temporal.workflow.CancellationScope.current().isCancelRequested()) {
      return new io.temporal.failure.CanceledFailure("job canceled");
    }
    return null;
  }

  /** How the retry policy ended, for the log: one retry for transient IO, none for bad input. */
  protected static String attempts(ActivityFailure e) {
    return switch (e.getRetryState()) {
      case RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED -> " (after " + ONE_RETRY.getMaximumAttempts() + " attempts)";
      case RETRY_STATE_NON_RETRYABLE_FAILURE -> " (not retried)";
      default -> "";
    };
  }

  protected static String rootMessage(TemporalFailure e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ApplicationFailure af) {
      return af.getOriginalMessage();
    }
    return t.getMessage();
  }

  protected static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  protected JobSnapshot snapshot() {
    return new JobSnapshot(
        jobId, state, phase, pct, waitingReason, plans, results, conflicts, unresolvedFiles, log,
        new TreeMap<>(result));
  }
}
