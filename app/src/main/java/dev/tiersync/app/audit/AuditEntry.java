package dev.tiersync.app.audit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * One ended job in the audit log: who started it, when, what it was asked to do, and the hash of
 * each artifact in the tier it wrote, before and after. Also one entry per status transition the
 * drift watch saw ({@code kind} {@code drift}, no job, the transition in {@code event}).
 *
 * @param event the drift watch's transition, for {@code kind} {@code drift}; else null (and left
 *     out of the JSON)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditEntry(
    String jobId,
    String kind,
    String startedBy,
    Instant createdAt,
    Instant endedAt,
    String direction,
    String strategy,
    boolean dryRun,
    String collection,
    String projectPath,
    String state,
    String traceId,
    List<Change> changes,
    @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode event) {

  /** The entry of an ended job. */
  public AuditEntry(
      String jobId,
      String kind,
      String startedBy,
      Instant createdAt,
      Instant endedAt,
      String direction,
      String strategy,
      boolean dryRun,
      String collection,
      String projectPath,
      String state,
      String traceId,
      List<Change> changes) {
    this(
        jobId, kind, startedBy, createdAt, endedAt, direction, strategy, dryRun, collection,
        projectPath, state, traceId, changes, null);
  }

  /** An artifact's version in {@code tier} before and after the job. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Change(String artifactId, String tier, String outcome, String beforeHash, String afterHash) {}
}
