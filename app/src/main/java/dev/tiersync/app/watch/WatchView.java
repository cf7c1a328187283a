package dev.tiersync.app.watch;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /api/v1/watch}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record WatchView(long intervalSeconds, List<Item> items) {

  /**
   * One collection's watch.
   *
   * @param state {@code running}, {@code off} (the watch is turned off) or {@code not_started}
   * @param nextPassAt when the next pass is due (the last pass plus the interval), or null
   * @param lastError why the watch's last pass failed, or null
   * @param cells the cells the last pass compared
   * @param transitionsLastPass the status transitions it found
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Item(
      String collection,
      String state,
      Instant lastPassAt,
      Instant nextPassAt,
      Long lastPassMs,
      String lastError,
      Integer cells,
      Integer transitionsLastPass) {}
}
