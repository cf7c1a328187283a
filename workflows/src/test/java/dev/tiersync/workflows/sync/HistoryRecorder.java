package dev.tiersync.workflows.sync;

import static dev.tiersync.workflows.testing.JobTestEnvironment.changeRequest;
import static dev.tiersync.workflows.testing.JobTestEnvironment.patchRequest;
import static dev.tiersync.workflows.testing.JobTestEnvironment.resolveRequest;
import static dev.tiersync.workflows.testing.JobTestEnvironment.syncRequest;

import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.lock.LockIds;
import dev.tiersync.workflows.testing.FakeActivities;
import dev.tiersync.workflows.testing.JobTestEnvironment;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records the histories that {@link WorkflowReplayTest} replays. Run it by hand after a
 * deliberate, versioned change to a workflow: {@code scripts/record-histories.sh}. Not a test.
 */
public final class HistoryRecorder {
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "workflows/src/test/resources/histories");
    Files.createDirectories(out);
    try (JobTestEnvironment jobs = new JobTestEnvironment()) {
      FakeActivities activities = jobs.activities;
      WorkflowClient client = jobs.client;

      jobs.sync("sync-success").run(syncRequest("sync-success", List.of(), false));
      jobs.sync("sync-dry-run").run(syncRequest("sync-dry-run", List.of("skill:conflict"), true));

      activities.applyGate = new CountDownLatch(1);
      WorkflowClient.start(
          jobs.sync("sync-holder")::run, syncRequest("sync-holder", List.of("skill:x"), false));
      activities.applyStarted
          .computeIfAbsent("sync-holder", k -> new CountDownLatch(1))
          .await(20, TimeUnit.SECONDS);
      WorkflowClient.start(
          jobs.sync("sync-waiter")::run, syncRequest("sync-waiter", List.of("skill:x"), false));
      Thread.sleep(1000);
      activities.applyGate.countDown();
      client.newUntypedWorkflowStub("sync-waiter").getResult(JobSnapshot.class);
      String lockId = LockIds.collection("default", "skill:x");
      client.newUntypedWorkflowStub(lockId).getResult(Void.class);

      jobs.resolve("resolve-marked")
          .run(resolveRequest("resolve-marked", List.of("skill:marked"), MergeStrategy.AUTO));
      jobs.patch("patch-bundle").run(patchRequest("patch-bundle", "skill:x"));
      jobs.collection("collection-remove")
          .run(changeRequest("collection-remove", JobKind.REMOVE, List.of("skill:x", "skill:bad"), false));
      jobs.collection("collection-rollback")
          .run(JobTestEnvironment.rollbackRequest("collection-rollback", "skill:x", null, false));
      for (String id : List.of("sync-success", "sync-dry-run", "sync-holder", "sync-waiter", lockId, "resolve-marked", "patch-bundle", "collection-remove", "collection-rollback")) {
        String json = client.fetchHistory(id).toJson(true);
        String file = id.equals(lockId) ? "lock-workflow.json" : id + ".json";
        Files.writeString(out.resolve(file), json);
        System.out.println("wrote " + out.resolve(file));
      }
    }
    dev.tiersync.workflows.host.HostTestEnvironment.recordHistories(out);
    System.exit(0);
  }

  private HistoryRecorder() {}
}
