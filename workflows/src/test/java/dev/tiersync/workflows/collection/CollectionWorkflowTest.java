package dev.tiersync.workflows.collection;

import static dev.tiersync.workflows.testing.JobTestEnvironment.awaitTrue;
import static dev.tiersync.workflows.testing.JobTestEnvironment.changeRequest;
import static dev.tiersync.workflows.testing.JobTestEnvironment.rollbackRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.lock.LockIds;
import dev.tiersync.workflows.testing.JobTestEnvironment;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The collection-change workflow on Temporal's test server with fake activities. */
class CollectionWorkflowTest {
  private final JobTestEnvironment jobs = new JobTestEnvironment();

  @AfterEach
  void tearDown() {
    jobs.close();
  }

  @Test
  void dryRun_predictsEachPlan_writesNothing_andReplays() throws Exception {
    JobSnapshot s =
        jobs.collection("dry").run(changeRequest("dry", JobKind.REMOVE, List.of("skill:a", "skill:b"), true));

    assertThat(s.state()).isEqualTo(JobState.SUCCESS);
    assertThat(s.artifacts()).extracting(ArtifactResult::outcome).containsOnly(Outcome.REMOVED);
    assertThat(s.artifacts()).extracting(ArtifactResult::reason).containsOnly("dry run: nothing written");
    assertThat(jobs.collections.applied).isEmpty();
    WorkflowReplayer.replayWorkflowExecution(jobs.client.fetchHistory("dry"), CollectionWorkflowImpl.class);
  }

  @Test
  void remove_appliesUnderTheCollectionLock_undeployUnderTheProjectLock() throws Exception {
    jobs.collections.probe =
        in -> {
          String lockId =
              in.request().kind() == JobKind.UNDEPLOY
                  ? LockIds.project("/p", in.plan().artifactId())
                  : LockIds.collection("default", in.plan().artifactId());
          return in.request().jobId() + " holds=" + jobs.holderId(lockId);
        };

    JobSnapshot removed = jobs.collection("rm").run(changeRequest("rm", JobKind.REMOVE, List.of("skill:a"), false));
    JobSnapshot undeployed = jobs.collection("ud").run(changeRequest("ud", JobKind.UNDEPLOY, List.of("skill:a"), false));

    assertThat(removed.state()).isEqualTo(JobState.SUCCESS);
    assertThat(undeployed.artifacts().get(0).outcome()).isEqualTo(Outcome.REMOVED);
    assertThat(jobs.collections.seen).containsExactly("rm holds=rm", "ud holds=ud");
    WorkflowReplayer.replayWorkflowExecution(jobs.client.fetchHistory("rm"), CollectionWorkflowImpl.class);
  }

  @Test
  void rollback_ofTheCollection_appliesUnderItsLock_ofAProject_underTheProjectLock_andReplays()
      throws Exception {
    jobs.collections.probe =
        in -> {
          String lockId =
              in.request().projectPath() == null
                  ? LockIds.collection("default", in.plan().artifactId())
                  : LockIds.project("/p", in.plan().artifactId());
          return in.request().jobId() + " holds=" + jobs.holderId(lockId);
        };

    JobSnapshot collection =
        jobs.collection("rb-c").run(rollbackRequest("rb-c", "skill:a", null, false));
    JobSnapshot project =
        jobs.collection("rb-p").run(rollbackRequest("rb-p", "skill:a", "/p", false));
    JobSnapshot dry = jobs.collection("rb-dry").run(rollbackRequest("rb-dry", "skill:a", null, true));

    assertThat(collection.state()).isEqualTo(JobState.SUCCESS);
    assertThat(collection.artifacts()).extracting(ArtifactResult::outcome).containsExactly(Outcome.UPDATED);
    assertThat(project.artifacts()).extracting(ArtifactResult::outcome).containsExactly(Outcome.UPDATED);
    assertThat(dry.artifacts()).extracting(ArtifactResult::reason).containsExactly("dry run: nothing written");
    assertThat(jobs.collections.seen).containsExactly("rb-c holds=rb-c", "rb-p holds=rb-p");
    assertThat(jobs.collections.applied).containsExactly("rb-c:skill:a", "rb-p:skill:a");
    for (String id : List.of("rb-c", "rb-p", "rb-dry")) {
      WorkflowReplayer.replayWorkflowExecution(jobs.client.fetchHistory(id), CollectionWorkflowImpl.class);
    }
  }

  @Test
  void aFailedPlan_isReportedAndNeverApplied_theOthersAre() {
    JobSnapshot s =
        jobs.collection("mixed").run(changeRequest("mixed", JobKind.REMOVE, List.of("skill:bad", "skill:ok"), false));

    assertThat(s.state()).isEqualTo(JobState.ERROR);
    assertThat(s.artifacts()).extracting(ArtifactResult::outcome).containsExactly(Outcome.ERROR, Outcome.REMOVED);
    assertThat(jobs.collections.applied).containsExactly("mixed:skill:ok");
  }

  @Test
  void aNewCollection_takesNoLock() {
    JobRequest create = changeRequest("new", JobKind.CREATE_COLLECTION, List.of(), false);

    JobSnapshot s = jobs.collection("new").run(create);

    assertThat(s.state()).isEqualTo(JobState.SUCCESS);
    assertThat(s.artifacts()).extracting(ArtifactResult::artifactId).containsExactly("collection:default");
    assertThat(jobs.collections.applied).containsExactly("new:collection:default");
  }

  @Test
  void restartedWithItsRecordedPlan_appliesItWithoutPlanningAgain() {
    List<ArtifactPlan> recorded =
        jobs.collections.plan(changeRequest("x", JobKind.REMOVE, List.of("skill:a"), false));
    jobs.collections.planCalls.set(0);

    JobSnapshot s =
        jobs.collection("again")
            .run(changeRequest("again", JobKind.REMOVE, List.of("skill:a"), false).resumingFrom(recorded));

    assertThat(s.state()).isEqualTo(JobState.SUCCESS);
    assertThat(jobs.collections.planCalls).hasValue(0);
    assertThat(jobs.collections.applied).containsExactly("again:skill:a");
  }

  @Test
  void canceledWhileWaitingForTheLock_leavesNoLockHeld() throws Exception {
    jobs.collections.applyGate = new CountDownLatch(1);
    WorkflowClient.start(jobs.collection("holder")::run, changeRequest("holder", JobKind.REMOVE, List.of("skill:a"), false));
    jobs.collections.applyStarted.computeIfAbsent("holder", k -> new CountDownLatch(1)).await(20, TimeUnit.SECONDS);
    WorkflowClient.start(jobs.collection("waiter")::run, changeRequest("waiter", JobKind.REMOVE, List.of("skill:a"), false));
    String lockId = LockIds.collection("default", "skill:a");
    awaitTrue(() -> !jobs.published("waiter", p -> p.waitingReason() != null).isEmpty(), "waiter queues for skill:a");

    jobs.client.newUntypedWorkflowStub("waiter").cancel();
    jobs.collections.applyGate.countDown();
    JobSnapshot holder = jobs.client.newUntypedWorkflowStub("holder").getResult(JobSnapshot.class);

    assertThat(holder.state()).isEqualTo(JobState.SUCCESS);
    awaitTrue(() -> jobs.holderId(lockId) == null, "nobody holds skill:a");
    assertThat(jobs.collections.applied).containsExactly("holder:skill:a");
    JobSnapshot waiter = jobs.client.newUntypedWorkflowStub("waiter").query("progress", JobSnapshot.class);
    assertThat(waiter.state()).isEqualTo(JobState.CANCELED);
  }
}
