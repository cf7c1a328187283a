package dev.tiersync.workflows.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.CollectionChange;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.collection.CollectionWorkflow;
import dev.tiersync.workflows.collection.CollectionWorkflowImpl;
import dev.tiersync.workflows.jobs.JobCalls;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.lock.ArtifactLockWorkflow;
import dev.tiersync.workflows.lock.ArtifactLockWorkflowImpl;
import dev.tiersync.workflows.lock.LockActivitiesImpl;
import dev.tiersync.workflows.lock.LockRequest;
import dev.tiersync.workflows.patch.PatchWorkflow;
import dev.tiersync.workflows.patch.PatchWorkflowImpl;
import dev.tiersync.workflows.resolve.ResolveWorkflow;
import dev.tiersync.workflows.resolve.ResolveWorkflowImpl;
import dev.tiersync.workflows.sync.SyncWorkflow;
import dev.tiersync.workflows.sync.SyncWorkflowImpl;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Temporal's test server with every job workflow, the lock workflow, the real lock activity and
 * {@link FakeActivities} registered on the jobs task queue; time skips while tests wait on a
 * workflow. One per test; close it after.
 */
public final class JobTestEnvironment implements AutoCloseable {
  public final TestWorkflowEnvironment env;
  public final WorkflowClient client;
  public final FakeActivities activities = new FakeActivities();
  public final FakeCollectionActivities collections = new FakeCollectionActivities();

  /** @param extraWorkflows further workflow implementations the test needs (e.g. a lock holder) */
  public JobTestEnvironment(Class<?>... extraWorkflows) {
    this(e -> {}, extraWorkflows);
  }

  /**
   * @param beforeStart registers further workers or activities (e.g. a host agent's queue) before
   *     the test server's workers start
   */
  public JobTestEnvironment(
      java.util.function.Consumer<TestWorkflowEnvironment> beforeStart, Class<?>... extraWorkflows) {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.JOBS);
    worker.registerWorkflowImplementationTypes(
        SyncWorkflowImpl.class, ResolveWorkflowImpl.class, PatchWorkflowImpl.class,
        CollectionWorkflowImpl.class, ArtifactLockWorkflowImpl.class);
    if (extraWorkflows.length > 0) {
      worker.registerWorkflowImplementationTypes(extraWorkflows);
    }
    client = env.getWorkflowClient();
    worker.registerActivitiesImplementations(
        activities, collections, new LockActivitiesImpl(client));
    beforeStart.accept(env);
    env.start();
  }

  @Override
  public void close() {
    env.close();
  }

  public SyncWorkflow sync(String jobId) {
    return stub(SyncWorkflow.class, jobId);
  }

  public ResolveWorkflow resolve(String jobId) {
    return stub(ResolveWorkflow.class, jobId);
  }

  public PatchWorkflow patch(String jobId) {
    return stub(PatchWorkflow.class, jobId);
  }

  public CollectionWorkflow collection(String jobId) {
    return stub(CollectionWorkflow.class, jobId);
  }

  /** A collection change of {@code kind} (remove: collection {@code default}; undeploy: {@code /p}). */
  public static JobRequest changeRequest(
      String jobId, JobKind kind, List<String> ids, boolean dryRun) {
    Direction direction = kind == JobKind.UNDEPLOY ? Direction.COLLECTION_TO_PROJECT : null;
    return new JobRequest(
        jobId, kind, direction, ids, "default", kind == JobKind.UNDEPLOY ? "/p" : null,
        MergeStrategy.AUTO, Map.of(), dryRun, "t", null, null, List.of());
  }

  /**
   * A rollback of artifact {@code id}: in the collection when {@code project} is null (with a
   * hold), else in that project.
   */
  public static JobRequest rollbackRequest(
      String jobId, String id, String project, boolean dryRun) {
    return new JobRequest(
        jobId, JobKind.ROLLBACK,
        project == null ? Direction.UPSTREAM_TO_COLLECTION : Direction.COLLECTION_TO_PROJECT,
        List.of(id), "default", project, MergeStrategy.AUTO, Map.of(), dryRun, "t", null, null,
        List.of(), List.of(CollectionChange.rollback(id, "f".repeat(64), project == null)), false,
        null);
  }

  /** A stub of a workflow started on the jobs task queue under {@code workflowId}. */
  public <T> T stub(Class<T> type, String workflowId) {
    return client.newWorkflowStub(type, options(workflowId).build());
  }

  /**
   * {@link #stub(Class, String)} with the host wait in the memo ({@link JobCalls#HOST_WAIT_MEMO}),
   * as the app starts every job.
   */
  public <T> T stub(Class<T> type, String workflowId, long hostWaitSeconds) {
    return client.newWorkflowStub(
        type, options(workflowId).setMemo(Map.of(JobCalls.HOST_WAIT_MEMO, hostWaitSeconds)).build());
  }

  private static WorkflowOptions.Builder options(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.JOBS)
        .setWorkflowExecutionTimeout(Duration.ofHours(1));
  }

  /** An upstream → collection sync of the given artifacts in the default collection. */
  public static JobRequest syncRequest(String jobId, List<String> ids, boolean dryRun) {
    return new JobRequest(
        jobId, JobKind.SYNC, Direction.UPSTREAM_TO_COLLECTION, ids, "default", null,
        MergeStrategy.AUTO, Map.of(), dryRun, "trace-" + jobId, null, null, List.of());
  }

  /** A resolve of conflicts a collection → project sync left in project {@code /p}. */
  public static JobRequest resolveRequest(String jobId, List<String> ids, MergeStrategy strategy) {
    return new JobRequest(
        jobId, JobKind.RESOLVE, Direction.COLLECTION_TO_PROJECT, ids, "default", "/p", strategy,
        Map.of(), false, "t", "job-sync", null,
        ids.stream().map(JobTestEnvironment::conflictPlan).toList());
  }

  /** A patch export (tar.gz) of one artifact of project {@code /p}. */
  public static JobRequest patchRequest(String jobId, String artifactId) {
    return new JobRequest(
        jobId, JobKind.PATCH, Direction.PROJECT_TO_UPSTREAM, List.of(artifactId), "default", "/p",
        MergeStrategy.AUTO, Map.of(), false, "t", null, "tar.gz", List.of());
  }

  /** The plan of a conflicted artifact, as a sync records it. */
  public static ArtifactPlan conflictPlan(String artifactId) {
    return new ArtifactPlan(
        artifactId, PlanAction.CONFLICT, null, MergeStrategy.AUTO, "s", "d", "b", "m", null, null, null, null,
        null, null);
  }

  /** Who holds a lock now (null when free). */
  public String holderId(String lockId) {
    LockRequest holder = client.newWorkflowStub(ArtifactLockWorkflow.class, lockId).state().holder();
    return holder == null ? null : holder.requesterId();
  }

  public boolean hasEvent(String workflowId, EventType type) {
    return client.fetchHistory(workflowId).getEvents().stream()
        .anyMatch(e -> e.getEventType() == type);
  }

  /** The snapshots a job published so far that match {@code p}, in order. */
  public List<JobSnapshot> published(String jobId, Predicate<JobSnapshot> p) {
    synchronized (activities.published) {
      return activities.published.stream()
          .filter(s -> jobId.equals(s.jobId()) && p.test(s))
          .toList();
    }
  }

  public JobSnapshot lastPublished(String jobId) {
    List<JobSnapshot> all = published(jobId, s -> true);
    assertThat(all).as("snapshots published by " + jobId).isNotEmpty();
    return all.get(all.size() - 1);
  }

  /** Waits (wall clock, at most 20 s) until {@code condition} holds. */
  public static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out waiting until " + what);
  }
}
