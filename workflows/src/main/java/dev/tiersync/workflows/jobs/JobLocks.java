package dev.tiersync.workflows.jobs;

import dev.tiersync.engine.model.Tier;
import dev.tiersync.workflows.lock.LockActivities;
import dev.tiersync.workflows.lock.LockHolder;
import dev.tiersync.workflows.lock.LockIds;
import dev.tiersync.workflows.lock.LockQueued;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The per-artifact locks a job takes in its destination tier: requested in a fixed order (so two
 * jobs cannot deadlock), waited for while the job says for which lock, and released on every path.
 * The workflow forwards its {@link LockHolder} signals here. Deterministic like all workflow code.
 */
public final class JobLocks implements LockHolder {
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
              .setRetryOptions(JobCalls.ONE_RETRY)
              .build());

  private final JobProgress progress;
  private final List<String> held = new ArrayList<>();
  private final Set<String> granted = new HashSet<>();
  /** What each requested lock is, as this job names it (with the project, for several). */
  private final Map<String, String> labels = new TreeMap<>();
  private String queuedReason;
  private boolean waitingChanged;

  public JobLocks(JobProgress progress) {
    this.progress = progress;
  }

  /**
   * Locks every artifact the request names in its destination tier, in lock-id order; while
   * waiting the job stays queued and says for which lock. Every requested lock counts as held
   * from the request on, so that {@link #releaseAll} also withdraws a request still waited for.
   */
  public void acquire(JobRequest req) {
    acquire(List.of(req));
  }

  /**
   * {@link #acquire(JobRequest)} for the parts of one job (a job to several projects: one request
   * per project), all in one lock-id order.
   */
  public void acquire(List<JobRequest> parts) {
    String jobId = Workflow.getInfo().getWorkflowId();
    Map<String, String> wanted = new TreeMap<>();
    for (JobRequest req : parts) {
      for (String id : req.artifactIds()) {
        String label = req.destination().label() + " " + id;
        wanted.put(lockId(req, id), parts.size() > 1 ? label + " in " + req.projectPath() : label);
      }
    }
    labels.putAll(wanted);
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
          progress.waiting(queuedReason);
        }
      }
    }
    progress.waited();
  }

  /**
   * Releases every held lock (or withdraws the request, for a lock still waited for), in a
   * detached scope so that it also happens when the job was canceled: signals sent from a
   * canceled scope never go out, and a lock left held would block the next job on that artifact
   * until the lock's lease check. A lock that cannot be signalled (its workflow ended) does not
   * stop the others from being released.
   */
  public void releaseAll() {
    if (held.isEmpty()) {
      return;
    }
    String jobId = Workflow.getInfo().getWorkflowId();
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
    return req.destination() == Tier.PROJECT
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
      queuedReason =
          "waiting for lock on " + labels.getOrDefault(queued.lockId(), queued.label())
              + ", held by job " + queued.holderId();
      waitingChanged = true;
    }
  }
}
