package dev.tiersync.workflows.sync;

import static dev.tiersync.workflows.testing.JobTestEnvironment.awaitTrue;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A collection→project sync to several projects as one job, on Temporal's test server. */
class SyncToProjectsTest {
  private JobTestEnvironment jobs;
  private FakeActivities activities;
  private WorkflowClient client;

  @BeforeEach
  void setUp() {
    jobs = new JobTestEnvironment();
    activities = jobs.activities;
    client = jobs.client;
  }

  @AfterEach
  void tearDown() {
    jobs.close();
  }

  @Test
  void twoProjects_planEveryArtifactInEach_andApplyEachInItsProject() {
    JobSnapshot dry = jobs.sync("job-dry").run(request("job-dry", List.of("/p1", "/p2"), true));

    assertThat(dry.state()).isEqualTo(JobState.SUCCESS);
    assertThat(dry.plans()).extracting(p -> p.projectPath() + ":" + p.artifactId())
        .containsExactly("/p1:skill:a", "/p2:skill:a");
    assertThat(dry.artifacts()).extracting(r -> r.projectPath() + ":" + r.outcome())
        .containsExactly("/p1:UPDATED", "/p2:UPDATED");
    assertThat(activities.applyAttempts).hasValue(0);

    JobSnapshot done = jobs.sync("job-apply").run(request("job-apply", List.of("/p1", "/p2"), false));

    assertThat(done.state()).isEqualTo(JobState.SUCCESS);
    assertThat(done.artifacts()).extracting(r -> r.projectPath() + ":" + r.artifactId() + "=" + r.outcome())
        .containsExactly("/p1:skill:a=UPDATED", "/p2:skill:a=UPDATED");
    assertThat(activities.appliedIn).as("each apply gets its project's own request")
        .containsExactly("/p1:skill:a[]", "/p2:skill:a[]");
    assertThat(jobs.holderId(LockIds.project("/p1", "skill:a"))).isNull();
    assertThat(jobs.holderId(LockIds.project("/p2", "skill:a"))).isNull();
  }

  @Test
  void withoutArtifactIds_eachProjectsArtifactsArePlanned() {
    JobSnapshot done = jobs.sync("job-all").run(request("job-all", List.of(), List.of("/p1", "/p2"), false));

    assertThat(done.artifacts()).extracting(r -> r.projectPath() + ":" + r.artifactId())
        .containsExactly("/p1:skill:a", "/p1:skill:b", "/p2:skill:a", "/p2:skill:b");
  }

  @Test
  void lockHeldInOneProject_makesTheJobWaitForIt() throws Exception {
    activities.applyGate = new CountDownLatch(1);
    WorkflowClient.start(jobs.sync("job-holder")::run, single("job-holder", "/p2"));
    assertThat(activities.applyStarted.computeIfAbsent("job-holder", k -> new CountDownLatch(1)).await(20, TimeUnit.SECONDS)).isTrue();

    SyncWorkflow many = jobs.sync("job-many");
    WorkflowClient.start(many::run, request("job-many", List.of("/p1", "/p2"), false));
    awaitTrue(() -> !jobs.published("job-many", s -> s.waitingReason() != null).isEmpty(), "job-many waits");

    JobSnapshot waiting = many.progress();
    assertThat(waiting.state()).isEqualTo(JobState.QUEUED);
    assertThat(waiting.waitingReason())
        .isEqualTo("waiting for lock on project skill:a in /p2, held by job job-holder");
    assertThat(activities.applied).isEmpty();

    activities.applyGate.countDown();
    JobSnapshot done = client.newUntypedWorkflowStub("job-many").getResult(JobSnapshot.class);
    assertThat(done.state()).isEqualTo(JobState.SUCCESS);
    assertThat(activities.applied).containsExactly("job-holder:skill:a", "job-many:skill:a", "job-many:skill:a");
  }

  @Test
  void cancel_releasesTheLockOfEveryProject() throws Exception {
    activities.applyGate = new CountDownLatch(1);
    WorkflowClient.start(jobs.sync("job-c")::run, request("job-c", List.of("/p1", "/p2"), false));
    assertThat(activities.applyStarted.computeIfAbsent("job-c", k -> new CountDownLatch(1)).await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(jobs.holderId(LockIds.project("/p1", "skill:a"))).isEqualTo("job-c");
    assertThat(jobs.holderId(LockIds.project("/p2", "skill:a"))).isEqualTo("job-c");

    WorkflowStub job = client.newUntypedWorkflowStub("job-c");
    job.cancel();
    activities.applyGate.countDown();
    assertThatThrownBy(() -> job.getResult(JobSnapshot.class)).isInstanceOf(WorkflowFailedException.class);

    awaitTrue(() -> jobs.holderId(LockIds.project("/p1", "skill:a")) == null, "the /p1 lock is free");
    awaitTrue(() -> jobs.holderId(LockIds.project("/p2", "skill:a")) == null, "the /p2 lock is free");
    JobSnapshot next = jobs.sync("job-next").run(single("job-next", "/p2"));
    assertThat(next.state()).isEqualTo(JobState.SUCCESS);
  }

  @Test
  void resumedAfterARestart_appliesEachProjectsRecordedPlan_withoutPlanningAgain() {
    List<ArtifactPlan> recorded =
        List.of(plan("skill:a", "/p1"), plan("skill:b", "/p1"), plan("skill:a", "/p2"));
    JobRequest resumed =
        request("job-r", List.of("skill:a", "skill:b"), List.of("/p1", "/p2"), false)
            .resumingFrom(recorded);
    assertThat(resumed.artifactIds()).containsExactly("skill:a", "skill:b");

    JobSnapshot done = jobs.sync("job-r").run(resumed);

    assertThat(done.state()).as("the recorded plans conflict").isEqualTo(JobState.CONFLICT);
    assertThat(activities.appliedIn).containsExactly("/p1:skill:a[]", "/p1:skill:b[]", "/p2:skill:a[]");
    assertThat(done.artifacts()).extracting(r -> r.projectPath() + ":" + r.artifactId())
        .containsExactly("/p1:skill:a", "/p1:skill:b", "/p2:skill:a");
    assertThat(done.log()).anyMatch(l -> l.contains("resuming from the plan recorded"));
  }

  private static ArtifactPlan plan(String id, String project) {
    return JobTestEnvironment.conflictPlan(id).withProjectPath(project);
  }

  private static JobRequest request(String jobId, List<String> projects, boolean dryRun) {
    return request(jobId, List.of("skill:a"), projects, dryRun);
  }

  private static JobRequest request(
      String jobId, List<String> ids, List<String> projects, boolean dryRun) {
    return new JobRequest(
        jobId, JobKind.SYNC, Direction.COLLECTION_TO_PROJECT, ids, "default", null,
        MergeStrategy.AUTO, Map.of(), dryRun, "t", null, null, List.of(), List.of(), false, null,
        false, projects);
  }

  private static JobRequest single(String jobId, String project) {
    return new JobRequest(
        jobId, JobKind.SYNC, Direction.COLLECTION_TO_PROJECT, List.of("skill:a"), "default",
        project, MergeStrategy.AUTO, Map.of(), false, "t", null, null, List.of());
  }
}
