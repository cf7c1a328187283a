package dev.tiersync.app.resolve;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/sync/resolve}: either the conflicted job ({@code job_id},
 * optionally narrowed by {@code artifact_ids}), or {@code artifact_ids} + {@code direction} (+
 * {@code collection}, {@code project_path}); and a strategy per artifact ({@code strategies}) or
 * one for all ({@code strategy}, default {@code auto}); and, per artifact, a chosen result per
 * conflicted file ({@code files}: artifact id → path → choice).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResolveRequest(
    String jobId,
    List<String> artifactIds,
    String direction,
    String collection,
    String projectPath,
    Map<String, String> strategies,
    String strategy,
    Map<String, Map<String, FileChoice>> files) {

  /** The body without chosen files. */
  public ResolveRequest(
      String jobId, List<String> artifactIds, String direction, String collection,
      String projectPath, Map<String, String> strategies, String strategy) {
    this(jobId, artifactIds, direction, collection, projectPath, strategies, strategy, null);
  }

  /**
   * One conflicted file's result: a {@code strategy} ({@code ours}, {@code theirs}, {@code union})
   * or its whole {@code content} (UTF-8 text), not both.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record FileChoice(String strategy, String content) {}
}
