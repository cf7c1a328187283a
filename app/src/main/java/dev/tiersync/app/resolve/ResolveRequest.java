package dev.tiersync.app.resolve;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/sync/resolve}: either the conflicted job ({@code job_id},
 * optionally narrowed by {@code artifact_ids}), or {@code artifact_ids} + {@code direction} (+
 * {@code collection}, {@code project_path}); and a strategy per artifact ({@code strategies}) or
 * one for all ({@code strategy}, default {@code auto}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResolveRequest(
    String jobId,
    List<String> artifactIds,
    String direction,
    String collection,
    String projectPath,
    Map<String, String> strategies,
    String strategy) {}
