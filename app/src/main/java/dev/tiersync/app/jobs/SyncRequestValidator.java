package dev.tiersync.app.jobs;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import java.util.List;
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
    Direction direction = RequestValues.syncDirection(body.direction());
    MergeStrategy strategy = RequestValues.strategy("strategy", body.strategy());
    List<String> ids = ArtifactIdsField.parse(body.artifactIds());
    RequestValues.Scope scope =
        RequestValues.scope(scopes, direction, body.collection(), body.projectPath());
    String collection = scope.collection();
    String projectPath = scope.projectPath();
    boolean dryRun = body.dryRun() == null || body.dryRun();
    return new JobRequest(
        null, JobKind.SYNC, direction, ids, collection, projectPath, strategy, Map.of(), dryRun, null, null, null, List.of());
  }
}
