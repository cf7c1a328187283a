package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.workflows.client.WorkflowStatuses;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobReconcilerTest {
  private static final String ENDED_QUEUE = "reconciler-test";

  @TempDir Path dir;
  private JobServicesFixture fixture;
  private JobReconciler reconciler;

  @BeforeEach
  void setUp() {
    fixture = new JobServicesFixture(dir);
    fixture.temporal.newWorker(ENDED_QUEUE)
        .registerWorkflowImplementationTypes(ReturnsWorkflowImpl.class, WaitsWorkflowImpl.class);
    fixture.temporal.start();
    reconciler =
        new JobReconciler(
            fixture.store, fixture.views, fixture.client, fixture.workflows(), fixture.publisher,
            fixture.finisher, fixture.metrics);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void reconcile_jobUnknownToTemporal_isStartedAgainUnderItsId_withItsRecordedRequest() {
    JobRequest request = JobServicesFixture.sync("job-1", true);
    fixture.insert(request, JobStates.QUEUED, "queued", null);

    reconciler.reconcile();

    assertThat(WorkflowStatuses.of(fixture.client, "job-1"))
        .contains(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(startedWith("job-1")).isEqualTo(request);
  }

  @Test
  void reconcile_appliedSyncUnknownToTemporal_appliesThePlanItHadRecorded() {
    JobRequest request = JobServicesFixture.sync("job-1", false);
    List<ArtifactPlan> plans =
        List.of(
            new ArtifactPlan(
                "skill:a", PlanAction.UPDATE, null, MergeStrategy.AUTO, "src", "dst", null, null, null, null, null, null, null, null),
            ArtifactPlan.failed("skill:b", "bad entry", MergeStrategy.AUTO));
    fixture.insert(request, JobStates.RUNNING, "apply", snapshot("job-1", JobState.RUNNING, plans, "planned"));

    reconciler.reconcile();

    JobRequest started = startedWith("job-1");
    assertThat(started).isEqualTo(request.resumingFrom(plans));
    assertThat(started.artifactIds()).as("the failed plan is reported, not applied").containsExactly("skill:a");
  }

  @Test
  void reconcile_syncToSeveralProjects_resumesEachProjectsRecordedPlan() {
    JobRequest one = JobServicesFixture.sync("job-m", false);
    JobRequest request =
        new JobRequest(
            "job-m", one.kind(), dev.tiersync.engine.model.Direction.COLLECTION_TO_PROJECT,
            List.of("skill:a"), "default", null, MergeStrategy.AUTO, Map.of(), false,
            one.traceId(), null, null, List.of(), List.of(), false, null, false,
            List.of("/p1", "/p2"));
    List<ArtifactPlan> plans =
        List.of(
            new ArtifactPlan(
                "skill:a", PlanAction.UPDATE, null, MergeStrategy.AUTO, "src", "dst", null, null,
                null, null, null, null, null, null, "/p1"),
            new ArtifactPlan(
                "skill:a", PlanAction.UPDATE, null, MergeStrategy.AUTO, "src", "dst2", null, null,
                null, null, null, null, null, null, "/p2"));
    fixture.insert(request, JobStates.RUNNING, "apply", snapshot("job-m", JobState.RUNNING, plans, "planned"));

    reconciler.reconcile();

    JobRequest started = startedWith("job-m");
    assertThat(started.projectPaths()).containsExactly("/p1", "/p2");
    assertThat(started.artifactIds()).as("each artifact once").containsExactly("skill:a");
    assertThat(started.plans()).extracting(ArtifactPlan::projectPath).containsExactly("/p1", "/p2");
    assertThat(started.forProject("/p2").plans()).extracting(ArtifactPlan::destinationHash)
        .containsExactly("dst2");
  }

  @Test
  void reconcile_jobWhoseWorkflowCompleted_getsTheWorkflowsResult() {
    fixture.insert(JobServicesFixture.sync("job-1", false), JobStates.RUNNING, "apply", null);
    JobSnapshot result = snapshot("job-1", JobState.SUCCESS, List.of(), "applied");
    returns("job-1").run(result);

    reconciler.reconcile();

    JobRecord r = fixture.store.find("job-1").orElseThrow();
    assertThat(r.state()).isEqualTo("success");
    assertThat(fixture.views.snapshot(r)).isEqualTo(result);
  }

  @Test
  void reconcile_jobWhoseWorkflowWasCanceled_endsCanceled_keepingItsLog() {
    fixture.insert(
        JobServicesFixture.sync("job-1", false), JobStates.RUNNING, "fetch",
        snapshot("job-1", JobState.RUNNING, List.of(), "fetching"));
    WorkflowStub stub = waits("job-1");
    stub.cancel();
    awaitStatus("job-1", WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);

    reconciler.reconcile();

    JobRecord r = fixture.store.find("job-1").orElseThrow();
    assertThat(r.state()).isEqualTo("canceled");
    assertThat(fixture.views.snapshot(r).log()).containsExactly("fetching", "canceled");
  }

  @Test
  void reconcile_jobWhoseWorkflowWasTerminated_endsInError() {
    fixture.insert(JobServicesFixture.sync("job-1", false), JobStates.RUNNING, "fetch", null);
    waits("job-1").terminate("operator");

    reconciler.reconcile();

    JobRecord r = fixture.store.find("job-1").orElseThrow();
    assertThat(r.state()).isEqualTo("error");
    assertThat(fixture.views.snapshot(r).log()).containsExactly("workflow ended as workflow_execution_status_terminated");
  }

  @Test
  void reconcile_jobStillRunningInTemporal_isLeftAsItIs() {
    JobRecord before = fixture.insert(JobServicesFixture.sync("job-1", false), JobStates.RUNNING, "fetch", null);
    waits("job-1");

    reconciler.reconcile();

    assertThat(fixture.store.find("job-1")).contains(before);
    assertThat(WorkflowStatuses.of(fixture.client, "job-1"))
        .contains(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void reconcile_countsUnfinishedJobsAsQueueDepth_andGoesOnPastAJobItCannotRestart() {
    fixture.insert(JobServicesFixture.sync("job-done", false), "success", "done", null);
    JobRecord broken = fixture.insert(JobServicesFixture.sync("job-broken", false), JobStates.QUEUED, "queued", null);
    fixture.store.update(
        new JobRecord(
            broken.jobId(), broken.kind(), broken.direction(), broken.state(), 0, broken.phase(),
            broken.collection(), broken.projectPath(), broken.artifactIds(), "{not json", null,
            broken.traceId(), null, broken.requestHash(), null, broken.createdAt(), null, null));
    fixture.insert(JobServicesFixture.sync("job-ok", true), JobStates.QUEUED, "queued", null);

    reconciler.reconcile();

    assertThat(fixture.meters.get("tiersync_jobs_queue_depth").gauge().value()).isEqualTo(2.0);
    assertThat(WorkflowStatuses.of(fixture.client, "job-broken")).isEmpty();
    assertThat(WorkflowStatuses.of(fixture.client, "job-ok"))
        .contains(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(WorkflowStatuses.of(fixture.client, "job-done")).isEmpty();
  }

  private JobRequest startedWith(String workflowId) {
    Payloads input = fixture.history(workflowId).get(0).getWorkflowExecutionStartedEventAttributes().getInput();
    return fixture.client.getOptions().getDataConverter()
        .fromPayloads(0, Optional.of(input), JobRequest.class, JobRequest.class);
  }

  private ReturnsWorkflow returns(String workflowId) {
    return fixture.client.newWorkflowStub(ReturnsWorkflow.class, options(workflowId));
  }

  private WorkflowStub waits(String workflowId) {
    WaitsWorkflow workflow = fixture.client.newWorkflowStub(WaitsWorkflow.class, options(workflowId));
    io.temporal.client.WorkflowClient.start(workflow::run);
    return WorkflowStub.fromTyped(workflow);
  }

  private static WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(ENDED_QUEUE).build();
  }

  private void awaitStatus(String workflowId, WorkflowExecutionStatus status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!WorkflowStatuses.of(fixture.client, workflowId).equals(Optional.of(status))) {
      assertThat(System.nanoTime()).as("%s reaches %s", workflowId, status).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static JobSnapshot snapshot(String jobId, JobState state, List<ArtifactPlan> plans, String log) {
    return new JobSnapshot(
        jobId, state, "phase", 50, null, plans, List.of(), List.of(), List.of(), List.of(log), Map.of());
  }

  /** A job workflow that ended with the result it was given. */
  @WorkflowInterface
  public interface ReturnsWorkflow {
    @WorkflowMethod
    JobSnapshot run(JobSnapshot result);
  }

  public static class ReturnsWorkflowImpl implements ReturnsWorkflow {
    @Override
    public JobSnapshot run(JobSnapshot result) {
      return result;
    }
  }

  /** A job workflow that runs until it is canceled or terminated. */
  @WorkflowInterface
  public interface WaitsWorkflow {
    @WorkflowMethod
    void run();
  }

  public static class WaitsWorkflowImpl implements WaitsWorkflow {
    @Override
    public void run() {
      Workflow.await(() -> false);
    }
  }
}
