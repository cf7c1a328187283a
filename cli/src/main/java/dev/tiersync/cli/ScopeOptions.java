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
      description =
          "The project folder (one holding .claude/); '.' for the current folder. A sync to "
              + "projects takes it more than once.")
  List<Path> projects;

  /** Whether a project was named. */
  boolean hasProject() {
    return projects != null && !projects.isEmpty();
  }

  /**
   * The absolute project path, or null when none was given.
   *
   * @throws CliException (usage) when more than one was given
   */
  String projectPath() {
    if (!hasProject()) {
      return null;
    }
    if (projects.size() > 1) {
      throw CliException.usage("-p/--project names one project here");
    }
    return absolute(projects.get(0));
  }

  /** The absolute project paths, in the order given; empty when none was given. */
  List<String> projectPaths() {
    return hasProject() ? projects.stream().map(ScopeOptions::absolute).toList() : List.of();
  }

  private static String absolute(Path project) {
    return project.toAbsolutePath().normalize().toString();
  }

  /**
   * A job request's body with the artifacts ({@code artifact_ids}, left out when none are given,
   * which means every artifact) and this scope.
   */
  ObjectNode jobRequest(List<String> artifactIds) {
    return Json.putIfSet(artifacts(artifactIds), "project_path", projectPath());
  }

  /**
   * {@link #jobRequest} for a sync, which may name several projects: then {@code project_paths}
   * (one job to all of them) instead of {@code project_path}.
   */
  ObjectNode syncRequest(List<String> artifactIds) {
    if (projectPaths().size() < 2) {
      return jobRequest(artifactIds);
    }
    ObjectNode body = artifacts(artifactIds);
    projectPaths().forEach(body.putArray("project_paths")::add);
    return body;
  }

  private ObjectNode artifacts(List<String> artifactIds) {
    ObjectNode body = Json.object();
    if (artifactIds != null && !artifactIds.isEmpty()) {
      artifactIds.forEach(body.putArray("artifact_ids")::add);
    }
    Json.putIfSet(body, "collection", collection.collection);
    return body;
  }

  /** {@link #jobRequest} of a command that works on a project, which {@code -p} must then name. */
  ObjectNode projectJobRequest(List<String> artifactIds) {
    if (!hasProject()) {
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
