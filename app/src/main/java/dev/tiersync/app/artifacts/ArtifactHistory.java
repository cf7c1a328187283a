package dev.tiersync.app.artifacts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/artifacts/{id}/history}: every version each tier of the
 * artifact had, oldest first (built by {@link ArtifactTimeline}). A tier that lacks the artifact
 * (or the project tier without a project) has an empty list.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ArtifactHistory(
    String artifactId, List<Entry> upstream, List<Entry> collection, List<Entry> project) {
  /** A version written by a tiersync job. */
  public static final String JOB = "job";

  /** A version tiersync did not write: an upstream commit, or a copy edited on disk. */
  public static final String OUTSIDE = "outside";

  /**
   * One version of one tier.
   *
   * @param hash its content hash; null for an upstream commit that deleted the artifact
   * @param at when the tier got it: the job's write, the upstream commit's time, or for a copy no
   *     job wrote the newest modification of its files
   * @param source {@link #JOB} or {@link #OUTSIDE}
   * @param jobId the job that wrote it, when the audit log names one
   * @param actor who: the job's starter, or the upstream commit's author
   * @param note the history store's reason (e.g. {@code collection_to_project update}), {@code
   *     seen on disk} for the current copy no job recorded; null upstream
   * @param upstreamCommit the upstream commit that has this content (upstream: the commit itself)
   * @param upstreamSubject that commit's subject line
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Entry(
      String hash,
      Instant at,
      String source,
      String jobId,
      String actor,
      String note,
      String upstreamCommit,
      String upstreamSubject) {}
}
