package dev.tiersync.app.jobs;

import dev.tiersync.app.audit.AuditEntry;
import dev.tiersync.engine.model.Tier;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import java.util.ArrayList;
import java.util.List;

/** The audit log's entry of an ended job, from the job's record, request and final snapshot. */
final class AuditEntries {
  private AuditEntries() {}

  static AuditEntry of(JobRecord job, JobRequest request, JobSnapshot snapshot) {
    List<AuditEntry.Change> changes = new ArrayList<>();
    // The tier the job changed: a new collection and a remove have no direction.
    String tier =
        request == null
            ? null
            : (request.destination() == null ? Tier.COLLECTION : request.destination()).label();
    for (var a : snapshot.artifacts()) {
      changes.add(
          new AuditEntry.Change(
              a.artifactId(), tier, a.outcome().label(), a.beforeHash(), a.afterHash()));
    }
    return new AuditEntry(
        job.jobId(), job.kind(), job.createdBy() == null ? "anonymous" : job.createdBy(), job.createdAt(),
        job.endedAt(), job.direction(),
        request == null ? null : request.strategy().label(),
        request != null && request.dryRun(), job.collection(), job.projectPath(), job.state(),
        job.traceId(), changes);
  }
}
