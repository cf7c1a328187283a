package dev.tiersync.app.hosts;

import java.time.Instant;
import java.util.Map;

/**
 * A project on a host as a column of the fleet view (docs/agents.md): its cells as the host's
 * agent last answered them.
 *
 * @param host the host id
 * @param path the project's path on the host; the column's address is {@code host:path}
 * @param online whether the agent answered just now; false: the cells are those of {@code asOf}
 * @param asOf when the agent gave the answer the cells come from
 * @param offlineReason why the host is offline; null when online
 * @param error why the agent could not read the project at all (every cell is in error); or null
 * @param cells by artifact id ({@code type:name}); an artifact the answer did not cover has none
 */
public record HostColumn(
    String host,
    String path,
    boolean online,
    Instant asOf,
    String offlineReason,
    String error,
    Map<String, Cell> cells) {

  public String address() {
    return host + ":" + path;
  }

  /**
   * One artifact in the project.
   *
   * @param status a status label, {@code error}, or null (neither tier has the artifact)
   * @param reason why, or null
   */
  public record Cell(String status, String reason) {}
}
