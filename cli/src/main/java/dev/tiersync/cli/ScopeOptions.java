package dev.tiersync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which collection and project a command works on: the API's {@code collection} and {@code
 * project_path}. A relative project path is taken from the current folder, as git takes paths.
 */
final class ScopeOptions {
  @Mixin CollectionOption collection;

  @Option(
      names = {"-p", "--project"},
      paramLabel = "PATH",
      description = "The project folder (one holding .claude/); '.' for the current folder.")
  Path project;

  /** The absolute project path, or null when none was given. */
  String projectPath() {
    return project == null ? null : project.toAbsolutePath().normalize().toString();
  }

  /**
   * A job request's body with the artifacts ({@code artifact_ids}, left out when none are given,
   * which means every artifact) and this scope.
   */
  ObjectNode jobRequest(List<String> artifactIds) {
    ObjectNode body = Json.object();
    if (artifactIds != null && !artifactIds.isEmpty()) {
      artifactIds.forEach(body.putArray("artifact_ids")::add);
    }
    Json.putIfSet(body, "collection", collection.collection);
    Json.putIfSet(body, "project_path", projectPath());
    return body;
  }

  /** {@link #jobRequest} of a command that works on a project, which {@code -p} must then name. */
  ObjectNode projectJobRequest(List<String> artifactIds) {
    if (project == null) {
      throw CliException.usage("-p/--project is required: the project folder ('.' for this one)");
    }
    return jobRequest(artifactIds);
  }

  /** Adds {@code collection} and {@code project_path} to a query. */
  Map<String, Object> addTo(Map<String, Object> query) {
    query.put("collection", collection.collection);
    query.put("project_path", projectPath());
    return query;
  }
}
