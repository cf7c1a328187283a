package dev.tiersync.workflows.patch;

import static dev.tiersync.workflows.testing.JobTestEnvironment.awaitTrue;
import static dev.tiersync.workflows.testing.JobTestEnvironment.patchRequest;
import static dev.tiersync.workflows.testing.JobTestEnvironment.syncRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.Outcome;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.testing.FakeActivities;
import dev.tiersync.workflows.testing.JobTestEnvironment;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The patch export workflow on Temporal's test server with fake activities. */
class PatchWorkflowTest {
  private final JobTestEnvironment jobs = new JobTestEnvironment();
  private final FakeActivities activities = jobs.activities;

  @AfterEach
  void tearDown() {
    jobs.close();
  }

  @Test
  void patch_returnsTheBundleFieldsInTheResult() {
    JobSnapshot done = jobs.patch("job-patch").run(patchRequest("job-patch", "skill:x"));
    assertThat(done.state()).isEqualTo(JobState.SUCCESS);
    assertThat(done.result()).containsEntry("download_url", "/api/v1/sync/patches/job-patch").containsEntry("trial_apply", "clean");
  }

  @Test
  void exportFailing_endsTheJobInErrorWithTheReason_notRetried() {
    activities.patchFailure = "project has no copy of skill:x";

    JobSnapshot done = jobs.patch("job-patch2").run(patchRequest("job-patch2", "skill:x"));

    assertThat(done.state()).isEqualTo(JobState.ERROR);
    assertThat(done.log()).contains("error (not retried): project has no copy of skill:x");
    assertThat(done.result()).isEmpty();
  }

  @Test
  void export_takesNoLock_soItRunsWhileASyncHoldsTheArtifact() throws Exception {
    activities.applyGate = new CountDownLatch(1);
    WorkflowClient.start(
        jobs.sync("job-holder")::run, syncRequest("job-holder", List.of("skill:x"), false));
    assertThat(activities.applyStarted.computeIfAbsent("job-holder", k -> new CountDownLatch(1))
            .await(20, TimeUnit.SECONDS))
        .isTrue();

    JobSnapshot done = jobs.patch("job-patch3").run(patchRequest("job-patch3", "skill:x"));

    assertThat(done.state()).isEqualTo(JobState.SUCCESS);
    assertThat(done.artifacts()).extracting(a -> a.outcome()).containsExactly(Outcome.UPDATED);
    assertThat(jobs.published("job-patch3", s -> s.waitingReason() != null)).isEmpty();
    activities.applyGate.countDown();
    awaitTrue(() -> activities.applied.contains("job-holder:skill:x"), "the sync finished");
  }
}
