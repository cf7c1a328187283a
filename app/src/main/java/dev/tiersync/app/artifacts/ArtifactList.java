package dev.tiersync.app.artifacts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tiersync.engine.tier.RolledBack;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/artifacts}: the collection's artifacts (its {@code
 * collection.toml} entries and those on disk) plus, with a project, the ones deployed there, sorted
 * by type then name.
 *
 * @param collection the collection's name
 * @param projectPath the project folder (symlinks resolved), or null
 * @param total the number of items (after filtering)
 * @param errors the entries of {@code collection.toml} and the project's tracking file that break a
 *     rule (not filtered): those that name an artifact also list it in {@code items} with status
 *     {@code error}; those that name none are reported only here
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ArtifactList(
    String collection,
    String projectPath,
    int total,
    List<Item> items,
    List<TierFileProblem> errors) {

  /**
   * One artifact with its per-edge status and the content hash of its version in each tier (null
   * where the tier lacks it).
   *
   * @param upstreamError why the upstream could not be read, or null
   * @param error why the artifact is in error (an entry of it in a tier file breaks a rule:
   *     {@code <file>:<line>: <key>: <reason>}), or null; it is then not synced in any direction
   * @param policy its hold and auto-update policy
   * @param upstreamCheckedAt when its upstream repository was last fetched; null without upstream
   *     or when it never was
   * @param collectionRolledBack the collection's last rollback of it, while the collection still
   *     holds the version the rollback wrote; else null
   * @param projectRolledBack the same for the project
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Item(
      String artifactId,
      String type,
      String name,
      StatusView status,
      String upstreamHash,
      String collectionHash,
      String projectHash,
      String upstreamError,
      String error,
      PolicyView policy,
      Instant upstreamCheckedAt,
      RolledBack collectionRolledBack,
      RolledBack projectRolledBack) {}
}
