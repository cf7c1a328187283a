package dev.tiersync.app.collections;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The bodies of the collection routes. Unknown fields are rejected (a typo is a 400 naming it);
 * {@code dry_run} defaults to true everywhere: a job only writes when asked explicitly.
 */
final class CollectionRequests {
  private CollectionRequests() {}

  /** {@code POST /api/v1/collections}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = false)
  record Create(String name, Boolean dryRun) {}

  /**
   * {@code POST /api/v1/collections/{name}/artifacts}: one artifact ({@code path}, {@code type},
   * {@code name}) or several ({@code artifacts}) from one upstream at one ref.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = false)
  record Add(
      String upstream,
      String ref,
      String path,
      String type,
      String name,
      List<Item> artifacts,
      Boolean dryRun) {}

  /** One artifact of an {@link Add}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = false)
  record Item(String path, String type, String name) {}

  /** {@code PATCH /api/v1/collections/{name}/artifacts/{id}}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = false)
  record Pin(String versionSpec, Boolean dryRun) {}

  /** {@code POST /api/v1/sync/undeploy}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = false)
  record Undeploy(
      List<String> artifactIds, String projectPath, String collection, Boolean force,
      Boolean dryRun) {}

  /** {@code POST /api/v1/collections/{name}/adopt}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = false)
  record Adopt(String projectPath, List<String> artifactIds, Boolean dryRun) {}

  static boolean dryRun(Boolean value) {
    return value == null || value;
  }
}
