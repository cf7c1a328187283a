package dev.tiersync.app.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One job as the job store keeps it: the request it was created from, its latest published
 * snapshot (both JSON), and the columns status reads and filters need.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Table("jobs")
public record JobRecord(
    @Id String jobId,
    String kind,
    String direction,
    String state,
    int pct,
    String phase,
    String collection,
    String projectPath,
    String artifactIds,
    String requestJson,
    String snapshotJson,
    String traceId,
    String idempotencyKey,
    String requestHash,
    String createdBy,
    Instant createdAt,
    Instant startedAt,
    Instant endedAt) {

  public JobRecord withProgress(
      String newState, int newPct, String newPhase, String newSnapshotJson, Instant now, boolean terminal) {
    Instant started = startedAt == null && !"queued".equals(newState) ? now : startedAt;
    Instant ended = terminal ? (endedAt == null ? now : endedAt) : null;
    return new JobRecord(
        jobId, kind, direction, newState, newPct, newPhase, collection, projectPath, artifactIds,
        requestJson, newSnapshotJson, traceId, idempotencyKey, requestHash, createdBy, createdAt,
        started, ended);
  }
}
