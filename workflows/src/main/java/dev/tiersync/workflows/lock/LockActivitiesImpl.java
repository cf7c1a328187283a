package dev.tiersync.workflows.lock;

import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.client.WorkflowStatuses;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/** Talks to the lock workflows through the Temporal client. */
public final class LockActivitiesImpl implements LockActivities {
  private final WorkflowClient client;

  public LockActivitiesImpl(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void requestLock(LockCall call) {
    ArtifactLockWorkflow lock =
        client.newWorkflowStub(
            ArtifactLockWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(call.lockId())
                .setTaskQueue(TaskQueues.JOBS)
                .build());
    BatchRequest batch = client.newSignalWithStartRequest();
    batch.add(lock::run, null);
    batch.add(lock::acquire, new LockRequest(call.requesterId(), call.label()));
    client.signalWithStart(batch);
  }

  @Override
  public boolean isRunning(String workflowId) {
    return WorkflowStatuses.of(client, workflowId)
        .map(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
        .orElse(false);
  }
}
