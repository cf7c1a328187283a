package dev.tiersync.app.jobs;

import dev.tiersync.workflows.client.WorkflowStatuses;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reconciles the job store with Temporal at start: a job Temporal no longer knows (the embedded
 * server keeps nothing across restarts) is started again under the same id; activities are
 * idempotent, so re-running is safe. A job whose workflow ended while the app was down gets its
 * final state.
 */
@Component
class JobReconciler {
  private static final Logger log = LoggerFactory.getLogger(JobReconciler.class);

  private final JobStore store;
  private final JobViews views;
  private final WorkflowClient client;
  private final JobWorkflows workflows;
  private final JobEventPublisher publisher;
  private final JobFinisher finisher;
  private final JobMetrics metrics;

  JobReconciler(
      JobStore store,
      JobViews views,
      WorkflowClient client,
      JobWorkflows workflows,
      JobEventPublisher publisher,
      JobFinisher finisher,
      JobMetrics metrics) {
    this.store = store;
    this.views = views;
    this.client = client;
    this.workflows = workflows;
    this.publisher = publisher;
    this.finisher = finisher;
    this.metrics = metrics;
  }

  /** Reconciles every unfinished job; one that fails is logged and the others still run. */
  @EventListener(ApplicationReadyEvent.class)
  void reconcile() {
    List<JobRecord> unfinished = store.unfinished();
    metrics.reset(unfinished.size());
    for (JobRecord r : unfinished) {
      try {
        reconcile(r);
      } catch (RuntimeException e) {
        log.error("could not reconcile job {}: {}", r.jobId(), e.getMessage());
      }
    }
  }

  private void reconcile(JobRecord r) {
    WorkflowExecutionStatus status = WorkflowStatuses.of(client, r.jobId()).orElse(null);
    if (status == null) {
      log.info("job {} is unknown to Temporal (restarted server?); starting it again", r.jobId());
      if (!workflows.start(restartRequest(r))) {
        log.info("job {} was started meanwhile by its creating request", r.jobId());
      }
      return;
    }
    switch (status) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> log.info("job {} is still running in Temporal", r.jobId());
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> {
        JobSnapshot s = client.newUntypedWorkflowStub(r.jobId()).getResult(JobSnapshot.class);
        publisher.publish(s);
      }
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> finisher.finish(r, JobState.CANCELED, "canceled");
      default -> finisher.finish(r, JobState.ERROR, "workflow ended as " + status.name().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * The request a job is started again with. A sync (or a collection change) that had recorded its
   * plan applies that plan
   * rather than planning anew: a new plan would see what the first run already wrote as the
   * destination and report it as unchanged, and the job record and audit log would lose the write.
   */
  private JobRequest restartRequest(JobRecord r) {
    JobRequest request = views.request(r);
    JobSnapshot recorded = views.snapshot(r);
    if (request.kind() != JobKind.RESOLVE
        && request.kind() != JobKind.PATCH
        && !request.dryRun()
        && recorded != null
        && !recorded.plans().isEmpty()) {
      return request.resumingFrom(recorded.plans());
    }
    return request;
  }
}
