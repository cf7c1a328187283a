package dev.tiersync.app.jobs;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.tier.ScopeResolver;

/**
 * Reads the words a request body uses for the shared vocabulary (a direction, a merge strategy)
 * into their enums: the one place such a string is parsed, answering a bad one with a 400 problem
 * naming the field.
 */
public final class RequestValues {
  private static final String SYNC_DIRECTIONS =
      "upstream_to_collection, collection_to_project, project_to_collection";

  private RequestValues() {}

  /**
   * The direction of a sync job: required, and one of the three sync edges (a patch export has an
   * endpoint of its own).
   */
  public static Direction syncDirection(String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("direction", "direction is required (" + SYNC_DIRECTIONS + ")");
    }
    Direction d = Direction.fromLabel(value).orElseThrow(RequestValues::notASyncDirection);
    if (d.exportsPatch()) {
      throw ApiException.badRequest(
          "direction", d.label() + " exports a patch: use POST /api/v1/sync/patch");
    }
    return d;
  }

  /** The direction of a resolve by artifact: one of the three sync edges. */
  public static Direction resolveDirection(String value) {
    return Direction.fromLabel(value)
        .filter(d -> !d.exportsPatch())
        .orElseThrow(RequestValues::notASyncDirection);
  }

  /** A merge strategy named in {@code field}; none means {@code auto}. */
  public static MergeStrategy strategy(String field, String value) {
    if (value == null || value.isBlank()) {
      return MergeStrategy.AUTO;
    }
    return MergeStrategy.fromLabel(value)
        .orElseThrow(
            () -> ApiException.badRequest(field, field + " must be one of auto, ours, theirs"));
  }

  /** A request's collection and project, checked; the project path as its real folder. */
  public record Scope(String collection, String projectPath) {}

  /**
   * The collection (default {@code default}) and project of a request along {@code direction}:
   * the project is required where the edge needs one, and both must be usable (a 400 naming the
   * field otherwise).
   */
  public static Scope scope(
      ScopeResolver scopes, Direction direction, String collection, String projectPath) {
    return scope(scopes, direction, collection, projectPath, null);
  }

  /**
   * {@link #scope(ScopeResolver, Direction, String, String)}, where {@code hosted} (when not null)
   * is a project on a host, already checked ({@link dev.tiersync.app.hosts.HostAddresses}), and
   * {@code projectPath} is null.
   */
  public static Scope scope(
      ScopeResolver scopes, Direction direction, String collection, String projectPath,
      String hosted) {
    String name = collection == null || collection.isBlank() ? "default" : collection;
    String project = projectPath == null || projectPath.isBlank() ? null : projectPath;
    if (hosted != null) {
      try {
        scopes.collection(name);
      } catch (ScopeResolver.InvalidScopeException e) {
        throw ApiException.badRequest(e.field(), e.getMessage());
      }
      return new Scope(name, hosted);
    }
    if (direction.needsProject() && project == null) {
      throw ApiException.badRequest(
          "project_path", "project_path is required for direction " + direction.label());
    }
    try {
      scopes.collection(name);
      if (project != null) {
        project = scopes.project(project).projectDir().toString();
      }
    } catch (ScopeResolver.InvalidScopeException e) {
      throw ApiException.badRequest(e.field(), e.getMessage());
    }
    return new Scope(name, project);
  }

  private static ApiException notASyncDirection() {
    return ApiException.badRequest("direction", "direction must be one of " + SYNC_DIRECTIONS);
  }
}
