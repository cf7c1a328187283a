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

  /** A transition as a job's workflow published it, at {@code at}. */
  public record Progress(String state, int pct, String phase, String snapshotJson, Instant at) {
    public boolean terminal() {
      return JobStates.terminal(state);
    }

    /** When a job that had not started yet starts with this transition: its first state after queued. */
    Instant startedAt() {
      return JobStates.QUEUED.equals(state) ? null : at;
    }
  }

  JobRecord withProgress(Progress p) {
    return withProgress(p.state(), p.pct(), p.phase(), p.snapshotJson(), p.at(), p.terminal());
  }

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
