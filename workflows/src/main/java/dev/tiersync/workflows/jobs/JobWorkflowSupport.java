package dev.tiersync.workflows.jobs;

import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.lock.LockActivities;
import dev.tiersync.workflows.lock.LockHolder;
import dev.tiersync.workflows.lock.LockIds;
import dev.tiersync.workflows.lock.LockQueued;
import dev.tiersync.workflows.sync.JobEventActivities;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.SignalExternalWorkflowException;
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

  /**
   * A lock request runs to its end even when the job is canceled meanwhile (a detached scope),
   * so the release sent afterwards always reaches the lock after the request did (else the lock
   * could grant a job that already left).
   */
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

  /**
   * Options for a long activity that heartbeats. A canceled job abandons it ({@link
   * ActivityCancellationType#ABANDON}): the job ends at once and the activity's result, if it
   * still comes, is ignored. That suits the read-only activities (fetch, merge, patch export:
   * content-addressed, nothing written to a tier). Writes go through {@link #uninterrupted}.
   *
   * <p>Why no job ever asks Temporal to cancel an activity: Temporal's Java test server, which runs
   * the embedded mode, rejects the completion of a workflow task that cancels an activity which
   * completed in that same task ("ACTIVITY_UNKNOWN", temporalio/sdk-java#2391), and the workflow
   * then never moves again, holding its locks. A cancel racing the end of an activity is common
   * under load (the soak benchmark met it within seconds), so the workflows never send that
   * command: reads are abandoned, writes and lock requests run in a detached scope.
   */
  protected static ActivityOptions longRunning(Duration startToClose) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(Duration.ofSeconds(30))
        .setRetryOptions(ONE_RETRY)
        .setCancellationType(ActivityCancellationType.ABANDON)
        .build();
  }

  /**
   * Runs an activity call that must not be interrupted by a cancel of the job (a write, a lock
   * request) in a detached cancellation scope, so that no cancel request is sent for it. The job
   * notices its cancel afterwards ({@link #stopIfCanceled}, or the next await).
   */
  protected static <T> T uninterrupted(io.temporal.workflow.Functions.Func<T> call) {
    List<T> out = new ArrayList<>(1);
    Workflow.newDetachedCancellationScope(() -> out.add(call.apply())).run();
    return out.get(0);
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
      LockActivities.LockCall call = new LockActivities.LockCall(lockId, jobId, e.getValue());
      // Never interrupted by a cancel, see the locks field.
      Workflow.newDetachedCancellationScope(() -> locks.requestLock(call)).run();
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
   * activity failure) marks the job canceled, publishes that final state and is rethrown; an
   * activity that failed after its retries ends the job in {@code error} with the reason logged.
   * The locks are released at the end on every path, in a detached cancellation scope: signals
   * sent from a canceled scope never go out, and a lock left held would block the next job on
   * that artifact until the lock's lease check.
   *
   * @param held the locks the body takes (it adds to the list as it acquires them)
   */
  protected JobSnapshot runGuarded(List<String> held, Runnable body) {
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
    } finally {
      releaseLocks(held);
    }
    return snapshot();
  }

  /**
   * Marks the job canceled and publishes that final state (from a detached scope, see {@link
   * #publish}). Artifacts written before the cancel took effect (an apply that was already running
   * when the cancel arrived completes, atomically) stay in the results and are named in the log.
   * The caller rethrows the cancellation; {@link #runGuarded} releases the locks.
   */
  private void canceled() {
    state = JobState.CANCELED;
    phase = "canceled";
    waitingReason = null;
    List<String> written = new ArrayList<>();
    for (ArtifactResult r : results) {
      if (r.outcome() != Outcome.ERROR && r.outcome() != Outcome.SKIPPED && r.outcome() != Outcome.UNCHANGED) {
        written.add(r.artifactId());
      }
    }
    log(written.isEmpty() ? "canceled" : "canceled; already written before the cancel took effect: " + String.join(", ", written));
    publishFinal();
  }

  /**
   * Ends the job here if it was asked to cancel: called between artifacts, after the result of
   * the artifact just written was recorded, so that the job reports {@code canceled} with that
   * result rather than going on (or reporting {@code success} for a job the user canceled).
   */
  protected static void stopIfCanceled() {
    if (CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure("job canceled");
    }
  }

  /**
   * Releases every held lock (or withdraws the request, for a lock still waited for), in a
   * detached scope so that it also happens when the job was canceled. A lock that cannot be
   * signalled (its workflow ended) does not stop the others from being released.
   */
  protected void releaseLocks(List<String> held) {
    if (held.isEmpty()) {
      return;
    }
    List<String> toRelease = new ArrayList<>(held);
    held.clear();
    Workflow.newDetachedCancellationScope(
            () -> {
              for (String lockId : toRelease) {
                try {
                  Workflow.newUntypedExternalWorkflowStub(lockId).signal("release", jobId);
                } catch (SignalExternalWorkflowException | TemporalFailure e) {
                  // Nothing to release: the lock workflow ended (it ends once idle).
                }
              }
            })
        .run();
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

  /** Ends the job in {@code s}; a job asked to cancel ends {@code canceled} instead. */
  protected void finish(JobState s) {
    stopIfCanceled();
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

  /**
   * Publishes the current snapshot. From a canceled scope it runs in a detached one, so that what
   * the job records after a cancel (the result of an apply that completed anyway) still reaches
   * the job store.
   */
  protected void publish() {
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
    CanceledFailure canceled = cancellation(e);
    if (canceled != null) {
      throw canceled;
    }
  }

  /** The cancellation behind an activity failure, or null when the job was not canceled. */
  protected static CanceledFailure cancellation(ActivityFailure e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure c) {
        return c;
      }
    }
    if (CancellationScope.current().isCancelRequested()) {
      return new CanceledFailure("job canceled");
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
