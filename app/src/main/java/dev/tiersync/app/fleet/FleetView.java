package dev.tiersync.app.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tiersync.app.artifacts.PolicyView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /api/v1/fleet}: the collection's artifacts against its projects (see
 * docs/api.md, "Fleet").
 *
 * @param upstreamCheckedAt when the least recently fetched upstream repository of the collection
 *     was fetched; null when one never was, or the collection has none
 * @param counts cells (and artifacts, for the upstream edge) per status, over the filtered answer
 * @param errors the entries of {@code collection.toml} that break a rule
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record FleetView(
    String collection,
    Instant generatedAt,
    Instant upstreamCheckedAt,
    List<Project> projects,
    List<Artifact> artifacts,
    Counts counts,
    List<Problem> errors) {

  /**
   * A column: a project and its cells per collection→project status. The last four are there for
   * a project on a host only (its path is {@code host:path}).
   *
   * @param host the host whose agent serves the project
   * @param online whether the agent answered for this answer; false: the cells are its last answer
   * @param asOf when the agent gave the answer the cells come from
   * @param offlineReason why the host is offline (absent when online)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Project(
      String path,
      String name,
      Map<String, Integer> counts,
      @JsonInclude(JsonInclude.Include.NON_NULL) String host,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean online,
      @JsonInclude(JsonInclude.Include.NON_NULL) Instant asOf,
      @JsonInclude(JsonInclude.Include.NON_NULL) String offlineReason) {

    /** A project on the server. */
    Project(String path, String name, Map<String, Integer> counts) {
      this(path, name, counts, null, null, null, null);
    }
  }

  /**
   * A row.
   *
   * @param upstreamToCollection a status, {@code error} (its entry breaks a rule), {@code
   *     unreachable} (its upstream cannot be read) or null (no upstream)
   * @param error why the artifact is in error in the collection, or null
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Artifact(
      String artifactId,
      String type,
      String name,
      String upstreamToCollection,
      String upstreamReason,
      PolicyView policy,
      String error,
      List<Cell> cells) {}

  /**
   * One artifact in one project.
   *
   * @param collectionToProject a status, {@code error} (the project's tracking file cannot be read,
   *     or its entry of the artifact breaks a rule), or null (neither tier has the artifact)
   * @param overall the worse of the row's upstream edge and this cell's edge; {@code error} when
   *     either is
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Cell(String projectPath, String collectionToProject, String reason, String overall) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Counts(
      Map<String, Integer> upstreamToCollection,
      Map<String, Integer> collectionToProject,
      Map<String, Integer> overall) {}

  /** An entry of {@code collection.toml} that breaks a rule. */
  record Problem(String file, Integer line, String key, String message) {}
}
