package dev.tiersync.app.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The body of {@code POST /api/v1/sync/jobs}. Unknown fields are rejected, so a typo is a 400
 * naming the field rather than a silently ignored option.
 *
 * @param dryRun defaults to true: a job only writes when asked explicitly
 * @param projectPaths for a collection→project sync to several projects as one job, instead of
 *     {@code projectPath}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = false)
public record CreateJobRequest(
    String direction,
    List<String> artifactIds,
    String collection,
    String projectPath,
    String strategy,
    Boolean dryRun,
    List<String> projectPaths) {

  /** A request to one project (or none). */
  public CreateJobRequest(
      String direction,
      List<String> artifactIds,
      String collection,
      String projectPath,
      String strategy,
      Boolean dryRun) {
    this(direction, artifactIds, collection, projectPath, strategy, dryRun, null);
  }
}
