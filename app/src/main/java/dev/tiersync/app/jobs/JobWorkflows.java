package dev.tiersync.app.jobs;

import dev.tiersync.app.config.AgentProperties;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.collection.CollectionWorkflow;
import dev.tiersync.workflows.jobs.JobCalls;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.patch.PatchWorkflow;
import dev.tiersync.workflows.resolve.ResolveWorkflow;
import dev.tiersync.workflows.sync.SyncWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts the Temporal workflow of a job: the workflow of its kind, with the job id as workflow id,
 * the trace id in the memo and, where the namespace has them, tiersync's search attributes.
 */
@Component
class JobWorkflows {
  private static final Logger log = LoggerFactory.getLogger(JobWorkflows.class);

  private final WorkflowClient client;
  /** TIERSYNC_HOST_WAIT, handed to every job in its memo (workflows read no settings). */
  private final long hostWaitSeconds;
  /** Search attributes are set on a real cluster; the embedded test server does not index them. */
  private volatile boolean searchAttributesUsable;

  JobWorkflows(WorkflowClient client, TiersyncProperties properties, AgentProperties agents) {
    this.client = client;
    this.searchAttributesUsable = !properties.temporal().address().isBlank();
    this.hostWaitSeconds = agents.hostWait().toSeconds();
  }

  /**
   * Starts the workflow of {@code request} (which carries its job id and trace id).
   *
   * @return false when a workflow with the job's id already exists (it was started already)
   */
  boolean start(JobRequest request) {
    WorkflowOptions.Builder builder =
        WorkflowOptions.newBuilder()
            .setWorkflowId(request.jobId())
            .setTaskQueue(TaskQueues.JOBS)
            // One run per job, ever: the creating request's launcher and a start-up reconcile (of
            // this or another instance) may both try to start it, and the second must not begin a
            // new run after the first has already ended.
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setMemo(Map.of("trace_id", request.traceId(), JobCalls.HOST_WAIT_MEMO, hostWaitSeconds));
    if (searchAttributesUsable) {
      builder.setTypedSearchAttributes(JobSearchAttributes.of(request));
    }
    try {
      return startWorkflow(request, builder.build());
    } catch (WorkflowServiceException e) {
      if (!searchAttributesUsable || !JobSearchAttributes.isUnknownAttributeError(e)) {
        throw e;
      }
      // The namespace lacks tiersync's search attributes (see docs/operations.md): run without
      // them rather than refuse jobs.
      log.warn("Temporal namespace has no tiersync search attributes; starting jobs without them: {}", e.getMessage());
      searchAttributesUsable = false;
      return startWorkflow(request, builder.setTypedSearchAttributes(null).build());
    }
  }

  private boolean startWorkflow(JobRequest request, WorkflowOptions options) {
    try {
      switch (request.kind()) {
        case SYNC -> WorkflowClient.start(client.newWorkflowStub(SyncWorkflow.class, options)::run, request);
        case RESOLVE -> WorkflowClient.start(client.newWorkflowStub(ResolveWorkflow.class, options)::run, request);
        case PATCH -> WorkflowClient.start(client.newWorkflowStub(PatchWorkflow.class, options)::run, request);
        case CREATE_COLLECTION, ADD, PIN, REMOVE, UNDEPLOY, ROLLBACK ->
            WorkflowClient.start(client.newWorkflowStub(CollectionWorkflow.class, options)::run, request);
      }
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }
}
