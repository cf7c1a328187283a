package dev.tiersync.app.watch;

import dev.tiersync.engine.fleet.FleetCell;
import dev.tiersync.engine.fleet.FleetMatrix;
import dev.tiersync.engine.fleet.FleetRow;
import dev.tiersync.engine.status.EdgeStatus;
import dev.tiersync.engine.status.SyncStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cells of a fleet as the watch compares them: per artifact its upstream edge (when it has an
 * upstream) and per project its collection→project edge where the project has or had the artifact
 * (a project that never deployed it, {@code missing}, is not watched). Besides the
 * statuses of SPEC section 4, a cell may be {@code error} (a tier-file entry that breaks a rule)
 * or {@code unreachable} (the upstream could not be fetched or read).
 */
final class FleetCells {
  static final String ERROR = "error";
  static final String UNREACHABLE = "unreachable";

  private FleetCells() {}

  /**
   * @param fetchFailures repository → why this pass could not fetch it: its artifacts' upstream
   *     edges are {@code unreachable} even when the mirror still answers
   */
  static Map<String, WatchState.Cell> of(FleetMatrix matrix, Map<String, String> fetchFailures) {
    Map<String, WatchState.Cell> cells = new LinkedHashMap<>();
    for (FleetRow row : matrix.rows()) {
      String id = row.id().toString();
      String repository = row.upstream() == null ? null : row.upstream().spec().repository();
      if (row.error() != null) {
        cells.put(id, new WatchState.Cell(ERROR, row.error()));
      } else if (repository != null && fetchFailures.containsKey(repository)) {
        cells.put(id, new WatchState.Cell(UNREACHABLE, fetchFailures.get(repository)));
      } else if (row.upstreamError() != null) {
        cells.put(id, new WatchState.Cell(UNREACHABLE, row.upstreamError()));
      } else if (row.upstreamToCollection() != null) {
        cells.put(id, cell(row.upstreamToCollection()));
      }
      for (FleetCell c : row.cells()) {
        String key = new CellKey(id, c.project().toString()).toString();
        if (c.error() != null) {
          cells.put(key, new WatchState.Cell(ERROR, c.error()));
        } else if (c.collectionToProject() != null
            && c.collectionToProject().status() != SyncStatus.MISSING) {
          // A project that never had the artifact does not use it: not drift, not watched.
          cells.put(key, cell(c.collectionToProject()));
        }
      }
    }
    return cells;
  }

  /** Edge → status → how many cells have it. */
  static Map<String, Map<String, Integer>> counts(Map<String, WatchState.Cell> cells) {
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    cells.forEach(
        (key, cell) ->
            counts
                .computeIfAbsent(CellKey.parse(key).edge(), e -> new TreeMap<>())
                .merge(cell.status(), 1, Integer::sum));
    return counts;
  }

  private static WatchState.Cell cell(EdgeStatus edge) {
    return new WatchState.Cell(edge.status().label(), edge.reason());
  }
}
