package dev.tiersync.app.jobs;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.hosts.HostAddresses;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Checks the body of {@code POST /api/v1/sync/jobs} and turns it into the canonical sync request
 * (defaults filled in, ids de-duplicated, the project path resolved), the form whose hash the
 * idempotency check compares.
 */
@Component
class SyncRequestValidator {
  /** The most projects one job may write. */
  static final int MAX_PROJECTS = 100;

  private final ScopeResolver scopes;
  private final HostAddresses hosts;

  SyncRequestValidator(ScopeResolver scopes, HostAddresses hosts) {
    this.scopes = scopes;
    this.hosts = hosts;
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
    boolean dryRun = body.dryRun() == null || body.dryRun();
    if (body.projectPaths() != null) {
      return toProjects(body, direction, strategy, ids, dryRun);
    }
    Optional<String> hosted = hosts.hosted(body.projectPath(), "project_path");
    RequestValues.Scope scope =
        RequestValues.scope(
            scopes, direction, body.collection(), hosted.isPresent() ? null : body.projectPath(),
            hosted.orElse(null));
    String collection = scope.collection();
    String projectPath = scope.projectPath();
    return new JobRequest(
        null, JobKind.SYNC, direction, ids, collection, projectPath, strategy, Map.of(), dryRun, null, null, null, List.of());
  }

  /**
   * A collection→project sync to several projects: 1 to {@value #MAX_PROJECTS} paths, each checked
   * as {@code project_path} is and resolved; the same project twice is kept once.
   */
  private JobRequest toProjects(
      CreateJobRequest body, Direction direction, MergeStrategy strategy, List<String> ids,
      boolean dryRun) {
    if (body.projectPath() != null && !body.projectPath().isBlank()) {
      throw ApiException.badRequest(
          "project_paths", "give project_path or project_paths, not both");
    }
    if (direction != Direction.COLLECTION_TO_PROJECT) {
      throw ApiException.badRequest(
          "project_paths", "project_paths is only for direction collection_to_project");
    }
    List<String> given = body.projectPaths();
    if (given.isEmpty() || given.size() > MAX_PROJECTS) {
      throw ApiException.badRequest(
          "project_paths",
          "project_paths must list 1 to " + MAX_PROJECTS + " projects, got " + given.size());
    }
    String collection =
        body.collection() == null || body.collection().isBlank() ? "default" : body.collection();
    try {
      scopes.collection(collection);
    } catch (ScopeResolver.InvalidScopeException e) {
      throw ApiException.badRequest(e.field(), e.getMessage());
    }
    Set<String> paths = new LinkedHashSet<>();
    for (int i = 0; i < given.size(); i++) {
      String field = "project_paths[" + i + "]";
      String path = given.get(i);
      if (path == null || path.isBlank()) {
        throw ApiException.badRequest(field, field + " must be an absolute path");
      }
      Optional<String> hosted = hosts.hosted(path, field);
      if (hosted.isPresent()) {
        paths.add(hosted.get());
        continue;
      }
      try {
        paths.add(scopes.project(path).projectDir().toString());
      } catch (ScopeResolver.InvalidScopeException e) {
        throw ApiException.badRequest(field, e.getMessage().replaceFirst("^project_path", field));
      }
    }
    return new JobRequest(
        null, JobKind.SYNC, direction, ids, collection, null, strategy, Map.of(), dryRun, null,
        null, null, List.of(), List.of(), false, null, false, List.copyOf(paths));
  }
}
