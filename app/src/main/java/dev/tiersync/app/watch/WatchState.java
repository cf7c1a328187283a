package dev.tiersync.app.watch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a collection's watch remembers between passes ({@code TIERSYNC_HOME/watch/<collection>/
 * state.json}): the cells as of the last published pass, and what that pass did.
 *
 * @param cells cell key ({@link CellKey}) → its status then
 * @param heads artifact id → the upstream head commit its entry's ref resolved to
 * @param tried artifact id → the upstream commit an auto-update last ran for
 * @param passId the pass
 * @param counts edge → status → cells, as of that pass
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
record WatchState(
    String collection,
    Map<String, Cell> cells,
    Map<String, String> heads,
    Map<String, String> tried,
    String passId,
    Instant passAt,
    long passMs,
    int transitions,
    Map<String, Map<String, Integer>> counts) {

  WatchState {
    cells = cells == null ? Map.of() : Map.copyOf(cells);
    heads = heads == null ? Map.of() : Map.copyOf(heads);
    tried = tried == null ? Map.of() : Map.copyOf(tried);
    counts = counts == null ? Map.of() : Map.copyOf(counts);
  }

  /** A cell's status and why. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Cell(String status, String reason) {}

  /**
   * The state without the auto-updates of {@code ids} counted as tried (no job could be started
   * for them): they are tried again at the next pass.
   */
  WatchState untried(List<String> ids, WatchState before) {
    Map<String, String> t = new java.util.HashMap<>(tried);
    for (String id : ids) {
      String earlier = before == null ? null : before.tried().get(id);
      if (earlier == null) {
        t.remove(id);
      } else {
        t.put(id, earlier);
      }
    }
    return new WatchState(
        collection, cells, heads, t, passId, passAt, passMs, transitions, counts);
  }

}
