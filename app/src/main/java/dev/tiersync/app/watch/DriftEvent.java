package dev.tiersync.app.watch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tiersync.app.upstreams.CommitView;
import java.time.Instant;
import java.util.List;

/**
 * One status transition the watch saw: a cell (artifact, project or none, edge) whose status
 * changed since the last published pass. The shape of the SSE event {@code drift}, of the audit
 * entry's {@code event} and of the webhook's {@code events[]} (docs/api.md).
 *
 * @param projectPath null for the upstream→collection edge
 * @param from the status before, null for a cell that is new
 * @param to the status now, null for a cell that is gone
 * @param upstream how the upstream moved, for the upstream edge when its head moved; else null
 * @param action {@code held}, {@code auto_update:<job id>} or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DriftEvent(
    String eventId,
    Instant at,
    String collection,
    String artifactId,
    String projectPath,
    String edge,
    String from,
    String to,
    String reason,
    UpstreamMove upstream,
    boolean held,
    String holdReason,
    String autoUpdate,
    String action) {

  /** The edge labels, as jobs name directions. */
  static final String UPSTREAM_EDGE = "upstream_to_collection";

  static final String PROJECT_EDGE = "collection_to_project";

  /** This event with what the watch did about it. */
  DriftEvent withAction(String what) {
    return new DriftEvent(
        eventId, at, collection, artifactId, projectPath, edge, from, to, reason, upstream, held,
        holdReason, autoUpdate, what);
  }

  /**
   * @param commits the commits that touched the artifact's path between the two heads, newest
   *     first, at most {@link #MAX_COMMITS}
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record UpstreamMove(
      String repository, String ref, String fromSha, String toSha, List<CommitView> commits) {
    static final int MAX_COMMITS = 20;
  }
}
