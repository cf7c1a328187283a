package dev.tiersync.workflows.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.jobs.Direction;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.jobs.Outcome;
import dev.tiersync.workflows.jobs.Strategy;
import dev.tiersync.workflows.jobs.ArtifactPlan;
import dev.tiersync.workflows.lock.ArtifactLockWorkflowImpl;
import dev.tiersync.workflows.patch.PatchWorkflow;
import dev.tiersync.workflows.patch.PatchWorkflowImpl;
import dev.tiersync.workflows.resolve.ResolveWorkflow;
import dev.tiersync.workflows.resolve.ResolveWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncWorkflowTest {
  private TestWorkflowEnvironment env;
  private FakeActivities activities;
  private WorkflowClient client;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.JOBS);
    worker.registerWorkflowImplementationTypes(
        SyncWorkflowImpl.class, ResolveWorkflowImpl.class, PatchWorkflowImpl.class, ArtifactLockWorkflowImpl.class);
    client = env.getWorkflowClient();
    activities = new FakeActivities(client);
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void run_locksFetchesMergesAppliesAndPublishesEachTransition() {
    JobSnapshot result = stub("job-1").run(request("job-1", List.of(), false));

    assertThat(result.state()).isEqualTo(JobState.SUCCESS);
    assertThat(result.pct()).isEqualTo(100);
    assertThat(result.artifacts()).extracting(a -> a.artifactId() + "=" + a.outcome())
        .containsExactly("skill:a=UPDATED", "skill:b=UPDATED");
    assertThat(activities.resolveCalls).hasValue(1);
    assertThat(activities.published).extracting(JobSnapshot::phase)
        .startsWith("queued", "fetch", "merge", "apply")
        .endsWith("done");
    assertThat(activities.published).extracting(JobSnapshot::pct).isSorted();
  }

  @Test
  void dryRun_neverApplies_andReportsThePlan() {
    JobSnapshot result = stub("job-dry").run(request("job-dry", List.of("skill:x", "skill:conflict"), true));

    assertThat(result.state()).isEqualTo(JobState.SUCCESS);
    assertThat(activities.applyAttempts).hasValue(0);
    assertThat(result.plans()).extracting(p -> p.action()).containsExactly("update", "conflict");
    assertThat(result.artifacts()).extracting(a -> a.outcome()).containsExactly(Outcome.UPDATED, Outcome.CONFLICT);
    assertThat(result.conflicts()).singleElement().satisfies(c -> assertThat(c.path()).isEqualTo("SKILL.md"));
    assertThat(result.log()).anyMatch(l -> l.contains("nothing written"));
  }

  @Test
  void conflictPlan_endsInConflictState() {
    JobSnapshot result = stub("job-c").run(request("job-c", List.of("skill:conflict"), false));
    assertThat(result.state()).isEqualTo(JobState.CONFLICT);
  }

  @Test
  void transientIo_isRetriedExactlyOnce() {
    activities.transientApplyFailures = 1;
    JobSnapshot ok = stub("job-r1").run(request("job-r1", List.of("skill:x"), false));
    assertThat(ok.state()).isEqualTo(JobState.SUCCESS);
    assertThat(activities.applyAttempts).hasValue(2);

    activities.applyAttempts.set(0);
    activities.transientApplyFailures = 5;
    JobSnapshot failed = stub("job-r2").run(request("job-r2", List.of("skill:x"), false));
    assertThat(activities.applyAttempts).hasValue(2);
    assertThat(failed.state()).isEqualTo(JobState.ERROR);
    assertThat(failed.artifacts()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(a.reason()).isEqualTo("disk busy (after 2 attempts)");
    });
  }

  @Test
  void validationFailure_isNotRetried_andEndsInErrorWithTheMessage() {
    activities.validationFailure = true;
    JobSnapshot result = stub("job-v").run(request("job-v", List.of(), false));
    assertThat(activities.resolveCalls).hasValue(1);
    assertThat(result.state()).isEqualTo(JobState.ERROR);
    assertThat(result.log()).anyMatch(l -> l.contains("(not retried): unknown collection 'nope'"));
  }

  @Test
  void secondJobOnSameArtifact_waitsQueuedWithReason_thenRuns() throws Exception {
    activities.applyGate = new CountDownLatch(1);
    WorkflowClient.start(stub("job-first")::run, request("job-first", List.of("skill:x"), false));
    assertThat(activities.applyStarted.computeIfAbsent("job-first", k -> new CountDownLatch(1)).await(20, TimeUnit.SECONDS)).isTrue();

    SyncWorkflow second = stub("job-second");
    WorkflowClient.start(second::run, request("job-second", List.of("skill:x"), false));
    awaitPublished("job-second", s -> s.waitingReason() != null);

    JobSnapshot waiting = second.progress();
    assertThat(waiting.state()).isEqualTo(JobState.QUEUED);
    assertThat(waiting.waitingReason()).isEqualTo("waiting for lock on collection skill:x, held by job job-first");
    assertThat(activities.applied).isEmpty();

    activities.applyGate.countDown();
    JobSnapshot done = client.newUntypedWorkflowStub("job-second").getResult(JobSnapshot.class);
    assertThat(done.state()).isEqualTo(JobState.SUCCESS);
    assertThat(activities.applied).containsExactly("job-first:skill:x", "job-second:skill:x");
  }

  @Test
  void cancel_whileWaitingForLock_endsCanceledAndWithdrawsTheRequest() throws Exception {
    activities.applyGate = new CountDownLatch(1);
    WorkflowClient.start(stub("job-holder")::run, request("job-holder", List.of("skill:x"), false));
    assertThat(activities.applyStarted.computeIfAbsent("job-holder", k -> new CountDownLatch(1)).await(20, TimeUnit.SECONDS)).isTrue();
    WorkflowClient.start(stub("job-cancel")::run, request("job-cancel", List.of("skill:x"), false));
    awaitPublished("job-cancel", s -> s.waitingReason() != null);

    WorkflowStub untyped = client.newUntypedWorkflowStub("job-cancel");
    untyped.cancel();
    assertThatThrownBy(() -> untyped.getResult(JobSnapshot.class)).isInstanceOf(WorkflowFailedException.class);
    awaitPublished("job-cancel", s -> s.state() == JobState.CANCELED);

    activities.applyGate.countDown();
    assertThat(client.newUntypedWorkflowStub("job-holder").getResult(JobSnapshot.class).state()).isEqualTo(JobState.SUCCESS);
    JobSnapshot third = stub("job-third").run(request("job-third", List.of("skill:x"), false));
    assertThat(third.state()).as("the canceled job's request no longer blocks the lock").isEqualTo(JobState.SUCCESS);
    assertThat(activities.applied).containsExactly("job-holder:skill:x", "job-third:skill:x");
  }

  @Test
  void resolve_reportsFilesStillMarked_andEndsInConflictUntilNoneRemain() {
    JobSnapshot marked = resolveStub("job-res1").run(resolveRequest("job-res1", "skill:marked", Strategy.AUTO));
    assertThat(marked.state()).isEqualTo(JobState.CONFLICT);
    assertThat(marked.unresolvedFiles()).containsExactly("skill:marked/SKILL.md");

    JobSnapshot taken = resolveStub("job-res2").run(resolveRequest("job-res2", "skill:marked", Strategy.THEIRS));
    assertThat(taken.state()).isEqualTo(JobState.SUCCESS);
    assertThat(taken.unresolvedFiles()).isEmpty();
    assertThat(taken.log()).anyMatch(l -> l.startsWith("skill:marked (theirs): updated"));
  }

  @Test
  void resolve_actsOnlyOnTheArtifactsTheRequestNames_evenWhenGivenMorePlans() {
    ArtifactPlan other =
        new ArtifactPlan("skill:other", "conflict", null, Strategy.AUTO, "s", "d", "b", "m", null, null, null, null, null, null);
    JobRequest one = resolveRequest("job-res3", "skill:one", Strategy.THEIRS);
    List<ArtifactPlan> both = new java.util.ArrayList<>(one.plans());
    both.add(other);
    JobRequest req =
        new JobRequest(
            one.jobId(), one.kind(), one.direction(), one.artifactIds(), one.collection(), one.projectPath(),
            one.strategy(), one.strategies(), false, one.traceId(), one.sourceJobId(), null, both);

    JobSnapshot done = resolveStub("job-res3").run(req);

    assertThat(done.state()).isEqualTo(JobState.SUCCESS);
    assertThat(done.artifacts()).extracting(a -> a.artifactId()).containsExactly("skill:one");
    assertThat(done.log()).anyMatch(l -> l.startsWith("skill:other: not named by the request"));
  }

  @Test
  void patch_returnsTheBundleFieldsInTheResult() {
    JobRequest req =
        new JobRequest("job-patch", JobKind.PATCH, Direction.PROJECT_TO_UPSTREAM, List.of("skill:x"), "default", "/p",
            Strategy.AUTO, Map.of(), false, "t", null, "tar.gz", List.of());
    JobSnapshot done =
        client.newWorkflowStub(PatchWorkflow.class, WorkflowOptions.newBuilder().setWorkflowId("job-patch").setTaskQueue(TaskQueues.JOBS).build())
            .run(req);
    assertThat(done.state()).isEqualTo(JobState.SUCCESS);
    assertThat(done.result()).containsEntry("download_url", "/api/v1/sync/patches/job-patch").containsEntry("trial_apply", "clean");
  }

  ResolveWorkflow resolveStub(String id) {
    return client.newWorkflowStub(
        ResolveWorkflow.class, WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(TaskQueues.JOBS).build());
  }

  static JobRequest resolveRequest(String jobId, String artifactId, Strategy strategy) {
    ArtifactPlan plan =
        new ArtifactPlan(artifactId, "conflict", null, Strategy.AUTO, "s", "d", "b", "m", null, null, null, null, null, null);
    return new JobRequest(
        jobId, JobKind.RESOLVE, Direction.COLLECTION_TO_PROJECT, List.of(artifactId), "default", "/p",
        strategy, Map.of(), false, "t", "job-sync", null, List.of(plan));
  }

  private void awaitPublished(String jobId, java.util.function.Predicate<JobSnapshot> p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      synchronized (activities.published) {
        if (activities.published.stream().anyMatch(s -> jobId.equals(s.jobId()) && p.test(s))) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no published snapshot of " + jobId + " matched");
  }

  private SyncWorkflow stub(String jobId) {
    return client.newWorkflowStub(
        SyncWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(jobId)
            .setTaskQueue(TaskQueues.JOBS)
            .setWorkflowExecutionTimeout(Duration.ofHours(1))
            .build());
  }

  static JobRequest request(String jobId, List<String> ids, boolean dryRun) {
    return new JobRequest(
        jobId, JobKind.SYNC, Direction.UPSTREAM_TO_COLLECTION, ids, "default", null,
        Strategy.AUTO, Map.of(), dryRun, "trace-" + jobId, null, null, List.of());
  }
}
