package dev.tiersync.workflows.sync;

import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.lock.ArtifactLockWorkflowImpl;
import dev.tiersync.workflows.lock.LockIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
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
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(TaskQueues.JOBS);
      worker.registerWorkflowImplementationTypes(
          SyncWorkflowImpl.class,
          dev.tiersync.workflows.resolve.ResolveWorkflowImpl.class,
          dev.tiersync.workflows.patch.PatchWorkflowImpl.class,
          ArtifactLockWorkflowImpl.class);
      WorkflowClient client = env.getWorkflowClient();
      FakeActivities activities = new FakeActivities(client);
      worker.registerActivitiesImplementations(activities);
      env.start();

      stub(client, "sync-success").run(SyncWorkflowTest.request("sync-success", List.of(), false));
      stub(client, "sync-dry-run").run(SyncWorkflowTest.request("sync-dry-run", List.of("skill:conflict"), true));

      activities.applyGate = new CountDownLatch(1);
      WorkflowClient.start(stub(client, "sync-holder")::run, SyncWorkflowTest.request("sync-holder", List.of("skill:x"), false));
      activities.applyStarted.computeIfAbsent("sync-holder", k -> new CountDownLatch(1)).await(20, TimeUnit.SECONDS);
      WorkflowClient.start(stub(client, "sync-waiter")::run, SyncWorkflowTest.request("sync-waiter", List.of("skill:x"), false));
      Thread.sleep(1000);
      activities.applyGate.countDown();
      client.newUntypedWorkflowStub("sync-waiter").getResult(JobSnapshot.class);
      String lockId = LockIds.collection("default", "skill:x");
      client.newUntypedWorkflowStub(lockId).getResult(Void.class);

      client.newWorkflowStub(
              dev.tiersync.workflows.resolve.ResolveWorkflow.class,
              WorkflowOptions.newBuilder().setWorkflowId("resolve-marked").setTaskQueue(TaskQueues.JOBS).build())
          .run(SyncWorkflowTest.resolveRequest("resolve-marked", "skill:marked", dev.tiersync.workflows.jobs.Strategy.AUTO));
      client.newWorkflowStub(
              dev.tiersync.workflows.patch.PatchWorkflow.class,
              WorkflowOptions.newBuilder().setWorkflowId("patch-bundle").setTaskQueue(TaskQueues.JOBS).build())
          .run(
              new dev.tiersync.workflows.jobs.JobRequest(
                  "patch-bundle", dev.tiersync.workflows.jobs.JobKind.PATCH,
                  dev.tiersync.workflows.jobs.Direction.PROJECT_TO_UPSTREAM, List.of("skill:x"), "default", "/p",
                  dev.tiersync.workflows.jobs.Strategy.AUTO, java.util.Map.of(), false, "t", null, "tar.gz", List.of()));
      for (String id : List.of("sync-success", "sync-dry-run", "sync-holder", "sync-waiter", lockId, "resolve-marked", "patch-bundle")) {
        String json = client.fetchHistory(id).toJson(true);
        String file = id.equals(lockId) ? "lock-workflow.json" : id + ".json";
        Files.writeString(out.resolve(file), json);
        System.out.println("wrote " + out.resolve(file));
      }
    }
    System.exit(0);
  }

  private static SyncWorkflow stub(WorkflowClient client, String id) {
    return client.newWorkflowStub(
        SyncWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(TaskQueues.JOBS).build());
  }

  private HistoryRecorder() {}
}
