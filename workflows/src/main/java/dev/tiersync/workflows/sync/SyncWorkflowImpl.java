package dev.tiersync.workflows.sync;

import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.jobs.ArtifactPlan;
import dev.tiersync.workflows.jobs.ArtifactResult;
import dev.tiersync.workflows.jobs.ConflictFile;
import dev.tiersync.workflows.jobs.Direction;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.jobs.Outcome;
import dev.tiersync.workflows.lock.LockActivities;
import dev.tiersync.workflows.lock.LockIds;
import dev.tiersync.workflows.lock.LockQueued;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** See {@link SyncWorkflow}. Deterministic: all IO happens in activities. */
public class SyncWorkflowImpl implements SyncWorkflow {
  /** Transient IO gets exactly one retry; validation failures none. */
  static final RetryOptions ONE_RETRY =
      RetryOptions.newBuilder()
          .setMaximumAttempts(2)
          .setInitialInterval(Duration.ofMillis(500))
          .setDoNotRetry(ErrorTypes.NON_RETRYABLE)
          .build();

  private static final int LOG_LINES = 50;

  private final FetchActivities fetch =
      Workflow.newActivityStub(FetchActivities.class, longRunning(Duration.ofMinutes(30)));
  private final MergeActivities merge =
      Workflow.newActivityStub(MergeActivities.class, longRunning(Duration.ofMinutes(30)));
  private final ApplyActivities apply =
      Workflow.newActivityStub(ApplyActivities.class, longRunning(Duration.ofMinutes(10)));
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

  private String jobId;
  private JobState state = JobState.QUEUED;
  private String phase = "queued";
  private int pct;
  private String waitingReason;
  private List<ArtifactPlan> plans = new ArrayList<>();
  private final List<ArtifactResult> results = new ArrayList<>();
  private final List<ConflictFile> conflicts = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private final Set<String> granted = new HashSet<>();
  private boolean waitingChanged;

  static ActivityOptions longRunning(Duration startToClose) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(Duration.ofSeconds(30))
        .setRetryOptions(ONE_RETRY)
        .build();
  }

  @Override
  public JobSnapshot run(JobRequest request) {
    jobId = Workflow.getInfo().getWorkflowId();
    log(
        "job "
            + jobId
            + ": "
            + request.direction().name().toLowerCase(java.util.Locale.ROOT)
            + (request.dryRun() ? " (dry run)" : "")
            + ", strategy "
            + request.strategy().name().toLowerCase(java.util.Locale.ROOT));
    publish();
    List<String> held = new ArrayList<>();
    try {
      List<String> ids =
          request.artifactIds().isEmpty() ? fetch.resolveArtifacts(request) : request.artifactIds();
      JobRequest req = request.withArtifactIds(ids);
      if (!req.dryRun()) {
        acquireLocks(req, held);
      }
      transition(JobState.RUNNING, "fetch", 5);
      FetchResult fetched = fetch.fetch(new FetchInput(req));
      transition(JobState.RUNNING, "merge", 35);
      plans = new ArrayList<>(merge.merge(new MergeInput(req, fetched.artifacts())).plans());
      for (ArtifactPlan p : plans) {
        conflicts.addAll(p.conflicts());
      }
      if (req.dryRun()) {
        for (ArtifactPlan p : plans) {
          results.add(predicted(p));
        }
        log("dry run: " + summary() + "; nothing written");
        finish(JobState.SUCCESS);
      } else {
        transition(JobState.RUNNING, "apply", 50);
        applyAll(req);
        finish(finalState());
      }
    } catch (CanceledFailure e) {
      state = JobState.CANCELED;
      phase = "canceled";
      log("canceled");
      Workflow.newDetachedCancellationScope(
              () -> {
                releaseLocks(held);
                publish();
              })
          .run();
      throw e;
    } catch (ActivityFailure e) {
      log("error" + attempts(e) + ": " + rootMessage(e));
      finish(JobState.ERROR);
    } finally {
      if (state != JobState.CANCELED) {
        releaseLocks(held);
      }
    }
    return snapshot();
  }

  private void applyAll(JobRequest req) {
    int n = plans.size();
    for (int i = 0; i < n; i++) {
      ArtifactPlan p = plans.get(i);
      ArtifactResult r;
      try {
        r = apply.apply(new ApplyInput(req, p));
      } catch (ActivityFailure e) {
        String msg = rootMessage(e) + attempts(e);
        r = new ArtifactResult(p.artifactId(), Outcome.ERROR, msg, 0, 0, 0, p.destinationHash(), p.destinationHash());
      }
      results.add(r);
      log(p.artifactId() + ": " + r.outcome().name().toLowerCase(java.util.Locale.ROOT) + (r.reason() == null ? "" : " (" + r.reason() + ")"));
      pct = 50 + (50 * (i + 1)) / Math.max(1, n);
      publish();
    }
  }

  private JobState finalState() {
    boolean conflict = false;
    for (ArtifactResult r : results) {
      if (r.outcome() == Outcome.ERROR) {
        return JobState.ERROR;
      }
      conflict |= r.outcome() == Outcome.CONFLICT;
    }
    return conflict ? JobState.CONFLICT : JobState.SUCCESS;
  }

  /** Locks every destination artifact, in a fixed order so that two jobs cannot deadlock. */
  private void acquireLocks(JobRequest req, List<String> held) {
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

  private void releaseLocks(List<String> held) {
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

  private static ArtifactResult predicted(ArtifactPlan p) {
    Outcome o =
        switch (p.action()) {
          case "create" -> Outcome.CREATED;
          case "update" -> Outcome.UPDATED;
          case "merge" -> Outcome.MERGED;
          case "conflict" -> Outcome.CONFLICT;
          case "none" -> Outcome.UNCHANGED;
          default -> Outcome.SKIPPED;
        };
    String reason = p.reason() != null ? p.reason() : "dry run: nothing written";
    return new ArtifactResult(
        p.artifactId(), o, reason, p.filesAdded().size(), p.filesRemoved().size(),
        p.filesModified().size(), p.destinationHash(), p.mergedHash());
  }

  private String summary() {
    int writes = 0;
    for (ArtifactPlan p : plans) {
      if (!p.skipped() && !"none".equals(p.action())) {
        writes++;
      }
    }
    return plans.size() + " artifact(s), " + writes + " to write, " + conflicts.size() + " conflicting file(s)";
  }

  private void transition(JobState s, String p, int percent) {
    state = s;
    phase = p;
    pct = percent;
    publish();
  }

  private void finish(JobState s) {
    state = s;
    phase = "done";
    pct = 100;
    log("finished: " + s.name().toLowerCase(java.util.Locale.ROOT));
    publish();
  }

  private void publish() {
    events.publish(snapshot());
  }

  private void log(String line) {
    log.add(line);
    if (log.size() > LOG_LINES) {
      log.remove(0);
    }
  }

  /** How the retry policy ended, for the log: one retry for transient IO, none for bad input. */
  private static String attempts(ActivityFailure e) {
    return switch (e.getRetryState()) {
      case RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED -> " (after " + ONE_RETRY.getMaximumAttempts() + " attempts)";
      case RETRY_STATE_NON_RETRYABLE_FAILURE -> " (not retried)";
      default -> "";
    };
  }

  private static String rootMessage(TemporalFailure e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ApplicationFailure af) {
      return af.getOriginalMessage();
    }
    return t.getMessage();
  }

  @Override
  public JobSnapshot progress() {
    return snapshot();
  }

  private JobSnapshot snapshot() {
    return new JobSnapshot(
        jobId, state, phase, pct, waitingReason, plans, results, conflicts, List.of(), log, Map.of());
  }
}
