package dev.tiersync.app.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A job's status document, as {@code GET /api/v1/sync/jobs/{id}} returns it (SPEC section 7). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobView(
    String jobId,
    String kind,
    String direction,
    String state,
    int pct,
    String phase,
    String waitingReason,
    Instant createdAt,
    Instant startedAt,
    Instant endedAt,
    Long durationMs,
    String traceId,
    String statusUrl,
    String logExcerpt,
    Request request,
    List<Artifact> artifacts,
    List<Plan> plans,
    List<Conflict> conflicts,
    List<String> unresolvedFiles,
    Map<String, Object> result) {

  /**
   * The request as accepted.
   *
   * @param cleanOnly an artifact whose plan has a conflict is skipped, not merged with markers (the
   *     drift watch's auto-updates)
   * @param projectPaths the projects of a sync to several projects ({@code projectPath} is then
   *     null); empty otherwise
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Request(
      List<String> artifactIds,
      String collection,
      String projectPath,
      String strategy,
      boolean dryRun,
      boolean cleanOnly,
      List<String> projectPaths) {}

  /**
   * One artifact's outcome ({@code created|updated|merged|unchanged|skipped|conflict|error}); in a
   * sync to several projects, in project {@code projectPath} (left out otherwise).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Artifact(
      String artifactId,
      String outcome,
      String reason,
      int filesAdded,
      int filesRemoved,
      int filesModified,
      String beforeHash,
      String afterHash,
      @JsonInclude(JsonInclude.Include.NON_NULL) String projectPath) {}

  /** What the job planned for one artifact (a dry run's answer). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Plan(
      String artifactId,
      String action,
      String reason,
      List<String> filesAdded,
      List<String> filesRemoved,
      List<String> filesModified,
      List<Conflict> predictedConflicts,
      @JsonInclude(JsonInclude.Include.NON_NULL) String projectPath) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Conflict(String artifactId, String path, String kind) {}
}
