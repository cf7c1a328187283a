package dev.tiersync.workflows.resolve;

import static dev.tiersync.workflows.testing.JobTestEnvironment.awaitTrue;
import static dev.tiersync.workflows.testing.JobTestEnvironment.conflictPlan;
import static dev.tiersync.workflows.testing.JobTestEnvironment.syncRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.lock.LockIds;
import dev.tiersync.workflows.testing.FakeActivities;
import dev.tiersync.workflows.testing.JobTestEnvironment;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The resolve workflow on Temporal's test server with fake activities: which plans it acts on,
 * how its outcome follows the files still marked, per-artifact failures, and its locks.
 */
class ResolveWorkflowTest {
  private final JobTestEnvironment jobs = new JobTestEnvironment();
  private final FakeActivities activities = jobs.activities;

  @AfterEach
  void tearDown() {
    jobs.close();
  }

  @Test
  void resolve_reportsFilesStillMarked_andEndsInConflictUntilNoneRemain() {
    JobSnapshot marked = jobs.resolve("job-res1").run(resolveRequest("job-res1", "skill:marked", MergeStrategy.AUTO));
    assertThat(marked.state()).isEqualTo(JobState.CONFLICT);
    assertThat(marked.unresolvedFiles()).containsExactly("skill:marked/SKILL.md");

    JobSnapshot taken = jobs.resolve("job-res2").run(resolveRequest("job-res2", "skill:marked", MergeStrategy.THEIRS));
    assertThat(taken.state()).isEqualTo(JobState.SUCCESS);
    assertThat(taken.unresolvedFiles()).isEmpty();
    assertThat(taken.log()).anyMatch(l -> l.startsWith("skill:marked (theirs): updated"));
  }

  @Test
  void resolve_actsOnlyOnTheArtifactsTheRequestNames_evenWhenGivenMorePlans() {
    ArtifactPlan other = conflictPlan("skill:other");
    JobRequest one = resolveRequest("job-res3", "skill:one", MergeStrategy.THEIRS);
    List<ArtifactPlan> both = new java.util.ArrayList<>(one.plans());
    both.add(other);
    JobRequest req =
        new JobRequest(
            one.jobId(), one.kind(), one.direction(), one.artifactIds(), one.collection(), one.projectPath(),
            one.strategy(), one.strategies(), false, one.traceId(), one.sourceJobId(), null, both);

    JobSnapshot done = jobs.resolve("job-res3").run(req);

    assertThat(done.state()).isEqualTo(JobState.SUCCESS);
    assertThat(done.artifacts()).extracting(a -> a.artifactId()).containsExactly("skill:one");
    assertThat(done.log()).anyMatch(l -> l.startsWith("skill:other: not named by the request"));
  }

  @Test
  void oneArtifactFailing_isAnErrorOfThatArtifact_andTheOthersAreStillResolved() {
    activities.failingResolve = "skill:gone";
    JobRequest req = JobTestEnvironment.resolveRequest("job-res4", List.of("skill:gone", "skill:fine"), MergeStrategy.THEIRS);

    JobSnapshot done = jobs.resolve("job-res4").run(req);

    assertThat(done.state()).isEqualTo(JobState.ERROR);
    assertThat(done.artifacts())
        .extracting(a -> a.artifactId() + "=" + a.outcome() + ": " + a.reason())
        .containsExactly(
            "skill:gone=ERROR: conflicted file vanished: skill:gone (not retried)",
            "skill:fine=UPDATED: took theirs");
    assertThat(activities.resolved).containsExactly("job-res4:skill:fine");
    assertThat(jobs.holderId(LockIds.project("/p", "skill:gone"))).isNull();
  }

  @Test
  void resolve_waitsForTheLockASyncHolds_andWritesOnlyAfterIt() throws Exception {
    activities.applyGate = new CountDownLatch(1);
    JobRequest sync =
        new JobRequest(
            "job-sync2", JobKind.SYNC, Direction.COLLECTION_TO_PROJECT, List.of("skill:x"),
            "default", "/p", MergeStrategy.AUTO, Map.of(), false, "t", null, null, List.of());
    WorkflowClient.start(jobs.sync("job-sync2")::run, sync);
    assertThat(activities.applyStarted.computeIfAbsent("job-sync2", k -> new CountDownLatch(1))
            .await(20, TimeUnit.SECONDS))
        .isTrue();

    WorkflowClient.start(
        jobs.resolve("job-res5")::run,
        JobTestEnvironment.resolveRequest("job-res5", List.of("skill:x"), MergeStrategy.THEIRS));
    awaitTrue(
        () -> !jobs.published("job-res5", s -> s.waitingReason() != null).isEmpty(),
        "the resolve waits for the sync's lock");
    assertThat(jobs.client.newWorkflowStub(ResolveWorkflow.class, "job-res5").progress().waitingReason())
        .isEqualTo("waiting for lock on project skill:x, held by job job-sync2");
    assertThat(activities.resolved).isEmpty();

    activities.applyGate.countDown();
    JobSnapshot done = jobs.client.newUntypedWorkflowStub("job-res5").getResult(JobSnapshot.class);
    assertThat(done.state()).isEqualTo(JobState.SUCCESS);
    assertThat(activities.resolved).containsExactly("job-res5:skill:x");
    assertThat(jobs.holderId(LockIds.project("/p", "skill:x"))).isNull();
  }

  @Test
  void cancel_whileWaitingForTheLock_endsCanceledWithoutResolving() throws Exception {
    activities.applyGate = new CountDownLatch(1);
    WorkflowClient.start(
        jobs.sync("job-sync3")::run, syncRequest("job-sync3", List.of("skill:y"), false));
    assertThat(activities.applyStarted.computeIfAbsent("job-sync3", k -> new CountDownLatch(1))
            .await(20, TimeUnit.SECONDS))
        .isTrue();
    JobRequest upstream =
        new JobRequest(
            "job-res6", JobKind.RESOLVE, Direction.UPSTREAM_TO_COLLECTION, List.of("skill:y"),
            "default", null, MergeStrategy.OURS, Map.of(), false, "t", "job-sync3", null,
            List.of(conflictPlan("skill:y")));
    WorkflowClient.start(jobs.resolve("job-res6")::run, upstream);
    awaitTrue(
        () -> !jobs.published("job-res6", s -> s.waitingReason() != null).isEmpty(),
        "the resolve waits");

    WorkflowStub resolve = jobs.client.newUntypedWorkflowStub("job-res6");
    resolve.cancel();

    assertThatThrownBy(() -> resolve.getResult(JobSnapshot.class))
        .isInstanceOf(WorkflowFailedException.class);
    assertThat(jobs.lastPublished("job-res6").state()).isEqualTo(JobState.CANCELED);
    activities.applyGate.countDown();
    jobs.client.newUntypedWorkflowStub("job-sync3").getResult(JobSnapshot.class);
    assertThat(activities.resolved).isEmpty();
    assertThat(jobs.holderId(LockIds.collection("default", "skill:y"))).isNull();
  }

  private static JobRequest resolveRequest(String jobId, String artifactId, MergeStrategy strategy) {
    return JobTestEnvironment.resolveRequest(jobId, List.of(artifactId), strategy);
  }
}
