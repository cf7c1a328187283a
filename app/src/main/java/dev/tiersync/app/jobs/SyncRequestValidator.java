package dev.tiersync.app.jobs;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.jobs.Direction;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.Strategy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Checks the body of {@code POST /api/v1/sync/jobs} and turns it into the canonical sync request
 * (defaults filled in, ids de-duplicated, the project path resolved), the form whose hash the
 * idempotency check compares.
 */
@Component
class SyncRequestValidator {
  private final ScopeResolver scopes;

  SyncRequestValidator(ScopeResolver scopes) {
    this.scopes = scopes;
  }

  /**
   * The canonical request, without job id and trace id.
   *
   * @throws ApiException 400 naming the field at fault
   */
  JobRequest validate(CreateJobRequest body) {
    if (body == null) {
      throw ApiException.badRequest(null, "request body is required");
    }
    Direction direction = direction(body.direction());
    Strategy strategy = strategy(body.strategy());
    List<String> ids = ArtifactIdsField.parse(body.artifactIds());
    String collection = body.collection() == null || body.collection().isBlank() ? "default" : body.collection();
    String projectPath = blankToNull(body.projectPath());
    boolean needsProject = direction != Direction.UPSTREAM_TO_COLLECTION;
    if (needsProject && projectPath == null) {
      throw ApiException.badRequest("project_path", "project_path is required for direction " + JobViews.lower(direction));
    }
    try {
      scopes.collection(collection);
      if (projectPath != null) {
        projectPath = scopes.project(projectPath).projectDir().toString();
      }
    } catch (ScopeResolver.InvalidScopeException e) {
      throw ApiException.badRequest(e.field(), e.getMessage());
    }
    boolean dryRun = body.dryRun() == null || body.dryRun();
    return new JobRequest(
        null, JobKind.SYNC, direction, ids, collection, projectPath, strategy, Map.of(), dryRun, null, null, null, List.of());
  }

  private static Direction direction(String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("direction", "direction is required (upstream_to_collection, collection_to_project, project_to_collection)");
    }
    Direction d;
    try {
      d = Direction.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "direction",
          "direction must be one of upstream_to_collection, collection_to_project, project_to_collection");
    }
    if (d == Direction.PROJECT_TO_UPSTREAM) {
      throw ApiException.badRequest("direction", "project_to_upstream exports a patch: use POST /api/v1/sync/patch");
    }
    return d;
  }

  private static Strategy strategy(String value) {
    if (value == null || value.isBlank()) {
      return Strategy.AUTO;
    }
    try {
      return Strategy.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("strategy", "strategy must be one of auto, ours, theirs");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
