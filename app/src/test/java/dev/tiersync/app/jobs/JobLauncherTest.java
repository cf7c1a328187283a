package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.workflows.client.WorkflowStatuses;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job store as the outbox of workflow starts: the creating request answers first. */
class JobLauncherTest {
  @TempDir Path dir;
  private JobServicesFixture fixture;
  /** Starts handed to the launcher and not run yet, as on its thread while the request answers. */
  private final List<Runnable> pending = new ArrayList<>();

  @BeforeEach
  void setUp() {
    fixture = new JobServicesFixture(dir);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void start_answersWithTheQueuedRecord_beforeTheWorkflowStarts_whichStartsRightAfter() {
    JobStarter starter = starter(fixture.launcher(pending::add));

    JobStarter.Created c = starter.start(canonical(), null, "alice");

    String jobId = c.job().jobId();
    assertThat(c.job().state()).isEqualTo("queued");
    assertThat(fixture.store.find(jobId).orElseThrow().state()).isEqualTo(JobStates.QUEUED);
    assertThat(WorkflowStatuses.of(fixture.client, jobId)).isEmpty();

    pending.forEach(Runnable::run);

    assertThat(WorkflowStatuses.of(fixture.client, jobId))
        .contains(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(fixture.store.find(jobId).orElseThrow().state()).isEqualTo(JobStates.QUEUED);
  }

  @Test
  void aFailedStart_endsTheJobError_withTheReason_notAnOrphanQueuedRecord() {
    TestWorkflowEnvironment gone = TestWorkflowEnvironment.newInstance();
    gone.close();
    JobWorkflows unreachable = new JobWorkflows(gone.getWorkflowClient(), fixture.properties(true), JobServicesFixture.agents());
    JobStarter starter = starter(new JobLauncher(fixture.store, fixture.client, unreachable, fixture.finisher, Runnable::run));

    String jobId = starter.start(canonical(), null, "alice").job().jobId();

    JobRecord r = fixture.store.find(jobId).orElseThrow();
    assertThat(r.state()).isEqualTo("error");
    assertThat(r.endedAt()).isNotNull();
    assertThat(fixture.views.snapshot(r).log()).last().asString().startsWith("could not start the job's workflow: ");
    assertThat(fixture.store.unfinished()).isEmpty();
    assertThat(fixture.meters.get("tiersync_jobs_queue_depth").gauge().value()).isZero();
  }

  @Test
  void aStartTheReconcileMadeFirst_leavesTheJobAsItIs() {
    JobStarter starter = starter(fixture.launcher(pending::add));
    String jobId = starter.start(canonical(), null, "alice").job().jobId();
    // The start-up reconcile saw the queued record before the launcher's thread got to it.
    fixture.workflows().start(fixture.views.request(fixture.store.find(jobId).orElseThrow()));

    pending.forEach(Runnable::run);

    assertThat(fixture.store.find(jobId).orElseThrow().state()).isEqualTo(JobStates.QUEUED);
    assertThat(WorkflowStatuses.of(fixture.client, jobId))
        .contains(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void aJobWhoseWorkflowAlreadyRanToItsEnd_isNotStartedASecondTime() {
    JobStarter starter = starter(fixture.launcher(pending::add));
    String jobId = starter.start(canonical(), null, "alice").job().jobId();
    JobRequest request = fixture.views.request(fixture.store.find(jobId).orElseThrow());
    // Another instance's start-up reconcile started it, and its run ended, before this instance's
    // launcher got to it.
    assertThat(fixture.workflows().start(request)).isTrue();
    fixture.client.newUntypedWorkflowStub(jobId).terminate("ran elsewhere");

    pending.forEach(Runnable::run);

    assertThat(WorkflowStatuses.of(fixture.client, jobId))
        .contains(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(fixture.workflows().start(request)).isFalse();
  }

  @Test
  void aJobCanceledBeforeItsWorkflowStarted_neverStartsIt() {
    JobStarter starter = starter(fixture.launcher(pending::add));
    String jobId = starter.start(canonical(), null, "alice").job().jobId();
    JobCanceller canceller =
        new JobCanceller(fixture.store, fixture.views, fixture.client, fixture.finisher, fixture.clock);

    assertThat(canceller.cancel(jobId).state()).isEqualTo("canceled");
    pending.forEach(Runnable::run);

    assertThat(WorkflowStatuses.of(fixture.client, jobId)).isEmpty();
    assertThat(fixture.store.find(jobId).orElseThrow().state()).isEqualTo("canceled");
  }

  @Test
  void startsHandedOverWhileStopping_stayQueuedForTheNextStartUp() {
    JobLauncher launcher = new JobLauncher(fixture.store, fixture.client, fixture.workflows(), fixture.finisher);
    launcher.destroy();

    String jobId = starter(launcher).start(canonical(), null, "alice").job().jobId();

    assertThat(fixture.store.unfinished()).extracting(JobRecord::jobId).containsExactly(jobId);
    assertThat(WorkflowStatuses.of(fixture.client, jobId)).isEmpty();
  }

  private JobStarter starter(JobLauncher launcher) {
    return new JobStarter(
        fixture.store, fixture.views, launcher, fixture.properties(true), fixture.metrics, fixture.clock);
  }

  private static JobRequest canonical() {
    return new JobRequest(
        null, JobKind.SYNC, Direction.UPSTREAM_TO_COLLECTION, List.of("skill:a"), "default", null,
        MergeStrategy.AUTO, Map.of(), true, null, null, null, List.of());
  }
}
