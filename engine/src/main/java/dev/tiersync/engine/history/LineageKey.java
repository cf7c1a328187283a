package dev.tiersync.engine.history;

import dev.tiersync.engine.model.ArtifactId;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Names one lineage: an artifact on one tier instance. The scope says which tier instance, e.g.
 * {@code collection:default}, {@code project:/home/me/app} or {@code upstream:https://…}.
 *
 * @param artifact the artifact whose versions are recorded
 * @param scope a free-form, non-blank string; two keys with the same artifact and scope name the
 *     same lineage
 */
public record LineageKey(ArtifactId artifact, String scope) {
  public LineageKey {
    Objects.requireNonNull(artifact, "artifact");
    if (scope == null || scope.isBlank()) {
      throw new IllegalArgumentException("lineage scope must not be blank");
    }
  }

  /** The lineage of an artifact in a named collection: scope {@code collection:<name>}. */
  public static LineageKey collection(ArtifactId artifact, String collectionName) {
    return new LineageKey(artifact, "collection:" + collectionName);
  }

  /** The lineage of an artifact in a project: scope {@code project:<absolute normalised path>}. */
  public static LineageKey project(ArtifactId artifact, Path projectPath) {
    return new LineageKey(artifact, "project:" + projectPath.toAbsolutePath().normalize());
  }

  /**
   * The lineage of an artifact in a project on another host (docs/agents.md), kept by the server:
   * scope {@code project:<host>:<path>}.
   *
   * @param address the project's canonical {@code host:path}
   */
  public static LineageKey hostedProject(ArtifactId artifact, String address) {
    return new LineageKey(artifact, "project:" + address);
  }

  /** The lineage of an artifact in an upstream repository: scope {@code upstream:<url>}. */
  public static LineageKey upstream(ArtifactId artifact, String url) {
    return new LineageKey(artifact, "upstream:" + url);
  }

  @Override
  public String toString() {
    return artifact + "@" + scope;
  }
}
