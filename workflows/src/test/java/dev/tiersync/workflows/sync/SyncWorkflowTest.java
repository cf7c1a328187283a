package dev.tiersync.workflows.sync;

import static dev.tiersync.workflows.testing.JobTestEnvironment.syncRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.model.Outcome;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.testing.FakeActivities;
import dev.tiersync.workflows.testing.JobTestEnvironment;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncWorkflowTest {
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
  void run_locksFetchesMergesAppliesAndPublishesEachTransition() {
    JobSnapshot result = stub("job-1").run(syncRequest("job-1", List.of(), false));

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
    JobSnapshot result = stub("job-dry").run(syncRequest("job-dry", List.of("skill:x", "skill:conflict"), true));

    assertThat(result.state()).isEqualTo(JobState.SUCCESS);
    assertThat(activities.applyAttempts).hasValue(0);
    assertThat(result.plans()).extracting(p -> p.action().label()).containsExactly("update", "conflict");
    assertThat(result.artifacts()).extracting(a -> a.outcome()).containsExactly(Outcome.UPDATED, Outcome.CONFLICT);
    assertThat(result.conflicts()).singleElement().satisfies(c -> assertThat(c.path()).isEqualTo("SKILL.md"));
    assertThat(result.log()).anyMatch(l -> l.contains("nothing written"));
  }

  @Test
  void conflictPlan_isAppliedWithMarkers_andTheJobEndsInConflict() {
    JobSnapshot result =
        stub("job-c").run(syncRequest("job-c", List.of("skill:conflict", "skill:clean"), false));

    assertThat(result.state()).isEqualTo(JobState.CONFLICT);
    assertThat(activities.applied)
        .as("a conflict is written (with markers), like git leaves a conflicted merge in the tree")
        .containsExactly("job-c:skill:conflict", "job-c:skill:clean");
    assertThat(result.artifacts())
        .extracting(a -> a.artifactId() + "=" + a.outcome())
        .containsExactly("skill:conflict=CONFLICT", "skill:clean=UPDATED");
    assertThat(result.conflicts())
        .singleElement()
        .satisfies(c -> {
          assertThat(c.artifactId()).isEqualTo("skill:conflict");
          assertThat(c.path()).isEqualTo("SKILL.md");
        });
    assertThat(result.log()).contains("finished: conflict");
    assertThat(jobs.lastPublished("job-c").state())
        .as("the job store hears the final state too")
        .isEqualTo(JobState.CONFLICT);
  }

  @Test
  void cleanOnly_skipsTheConflictingArtifact_writingNoMarkers_andAppliesTheRest() {
    JobRequest r = syncRequest("job-clean", List.of("skill:conflict", "skill:clean"), false);
    JobRequest cleanOnly =
        new JobRequest(
            r.jobId(), r.kind(), r.direction(), r.artifactIds(), r.collection(), r.projectPath(),
            r.strategy(), r.strategies(), r.dryRun(), r.traceId(), r.sourceJobId(), r.format(),
            r.plans(), r.changes(), r.force(), r.patchBase(), true, List.of());

    JobSnapshot result = stub("job-clean").run(cleanOnly);

    assertThat(result.state()).isEqualTo(JobState.SUCCESS);
    assertThat(result.plans()).extracting(p -> p.action().label()).containsExactly("skip", "update");
    assertThat(result.artifacts())
        .extracting(a -> a.artifactId() + "=" + a.outcome())
        .containsExactly("skill:conflict=SKIPPED", "skill:clean=UPDATED");
    assertThat(result.artifacts().get(0).reason()).startsWith("would conflict: SKILL.md");
    assertThat(result.conflicts()).isEmpty();
  }

  @Test
  void transientIo_isRetriedExactlyOnce() {
    activities.transientApplyFailures = 1;
    JobSnapshot ok = stub("job-r1").run(syncRequest("job-r1", List.of("skill:x"), false));
    assertThat(ok.state()).isEqualTo(JobState.SUCCESS);
    assertThat(activities.applyAttempts).hasValue(2);

    activities.applyAttempts.set(0);
    activities.transientApplyFailures = 5;
    JobSnapshot failed = stub("job-r2").run(syncRequest("job-r2", List.of("skill:x"), false));
    assertThat(activities.applyAttempts).hasValue(2);
    assertThat(failed.state()).isEqualTo(JobState.ERROR);
    assertThat(failed.artifacts()).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(a.reason()).isEqualTo("disk busy (after 2 attempts)");
    });
  }

  @Test
  void aJobStoreThatIsDownForAWhile_delaysTheTransitions_andTheJobStillEndsSuccess() {
    // Three failures in a row ended the job in error before (three attempts in all).
    activities.publishFailures.set(3);

    JobSnapshot ok = stub("job-store-down").run(syncRequest("job-store-down", List.of("skill:x"), false));

    assertThat(ok.state()).isEqualTo(JobState.SUCCESS);
    assertThat(activities.publishFailures.get()).isNegative();
    assertThat(activities.published).extracting(JobSnapshot::state).first().isEqualTo(JobState.QUEUED);
    assertThat(activities.published).extracting(JobSnapshot::state).last().isEqualTo(JobState.SUCCESS);
  }

  @Test
  void validationFailure_isNotRetried_andEndsInErrorWithTheMessage() {
    activities.validationFailure = true;
    JobSnapshot result = stub("job-v").run(syncRequest("job-v", List.of(), false));
    assertThat(activities.resolveCalls).hasValue(1);
    assertThat(result.state()).isEqualTo(JobState.ERROR);
    assertThat(result.log()).anyMatch(l -> l.contains("(not retried): unknown collection 'nope'"));
  }

  @Test
  void secondJobOnSameArtifact_waitsQueuedWithReason_thenRuns() throws Exception {
    activities.applyGate = new CountDownLatch(1);
    WorkflowClient.start(stub("job-first")::run, syncRequest("job-first", List.of("skill:x"), false));
    assertThat(activities.applyStarted.computeIfAbsent("job-first", k -> new CountDownLatch(1)).await(20, TimeUnit.SECONDS)).isTrue();

    SyncWorkflow second = stub("job-second");
    WorkflowClient.start(second::run, syncRequest("job-second", List.of("skill:x"), false));
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
    WorkflowClient.start(stub("job-holder")::run, syncRequest("job-holder", List.of("skill:x"), false));
    assertThat(activities.applyStarted.computeIfAbsent("job-holder", k -> new CountDownLatch(1)).await(20, TimeUnit.SECONDS)).isTrue();
    WorkflowClient.start(stub("job-cancel")::run, syncRequest("job-cancel", List.of("skill:x"), false));
    awaitPublished("job-cancel", s -> s.waitingReason() != null);

    WorkflowStub untyped = client.newUntypedWorkflowStub("job-cancel");
    untyped.cancel();
    assertThatThrownBy(() -> untyped.getResult(JobSnapshot.class)).isInstanceOf(WorkflowFailedException.class);
    awaitPublished("job-cancel", s -> s.state() == JobState.CANCELED);

    activities.applyGate.countDown();
    assertThat(client.newUntypedWorkflowStub("job-holder").getResult(JobSnapshot.class).state()).isEqualTo(JobState.SUCCESS);
    JobSnapshot third = stub("job-third").run(syncRequest("job-third", List.of("skill:x"), false));
    assertThat(third.state()).as("the canceled job's request no longer blocks the lock").isEqualTo(JobState.SUCCESS);
    assertThat(activities.applied).containsExactly("job-holder:skill:x", "job-third:skill:x");
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
    return jobs.sync(jobId);
  }
}
