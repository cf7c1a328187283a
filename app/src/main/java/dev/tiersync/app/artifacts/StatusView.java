package dev.tiersync.app.artifacts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tiersync.engine.status.EdgeStatus;
import dev.tiersync.engine.status.SyncStatus;
import dev.tiersync.engine.sync.ArtifactSnapshot;
import java.util.Set;

/**
 * The status of an artifact's two edges and the overall badge (the worse of the two), as SPEC
 * section 4 defines them: {@code synced|missing|removed|outdated|modified|diverged|conflict}.
 *
 * @param upstreamToCollection null when the artifact has no upstream (or it could not be read)
 * @param collectionToProject null when no project was given
 * @param overall null only when neither edge exists
 * @param upstreamToCollectionReason why the edge has its status, e.g. {@code source changed since
 *     the base}
 * @param collectionToProjectReason why the edge has its status
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatusView(
    String upstreamToCollection,
    String collectionToProject,
    String overall,
    String upstreamToCollectionReason,
    String collectionToProjectReason) {

  static StatusView of(ArtifactSnapshot s) {
    SyncStatus overall = s.overall();
    return new StatusView(
        label(s.upstreamToCollection()),
        label(s.collectionToProject()),
        overall == null ? null : overall.label(),
        reason(s.upstreamToCollection()),
        reason(s.collectionToProject()));
  }

  /** The status label of an artifact named by a tier-file entry that breaks a rule. */
  static final String ERROR = "error";

  /**
   * The status of an artifact in error: {@code error} overall and on the edge whose tier file
   * holds the bad entry ({@code collection.toml}: upstream→collection; the tracking file:
   * collection→project), with the entry's problem as that edge's reason.
   */
  static StatusView error(String manifestProblem, String trackingProblem) {
    return new StatusView(
        manifestProblem == null ? null : ERROR,
        trackingProblem == null ? null : ERROR,
        ERROR,
        manifestProblem,
        trackingProblem);
  }

  /** Whether the overall badge is {@code error}. */
  boolean isError() {
    return ERROR.equals(overall);
  }

  /** Whether either edge or the overall badge has one of these statuses. */
  boolean matchesAny(Set<SyncStatus> wanted) {
    return wanted.stream()
        .map(SyncStatus::label)
        .anyMatch(
            w ->
                w.equals(upstreamToCollection)
                    || w.equals(collectionToProject)
                    || w.equals(overall));
  }

  private static String label(EdgeStatus e) {
    return e == null ? null : e.status().label();
  }

  private static String reason(EdgeStatus e) {
    return e == null ? null : e.reason();
  }
}
