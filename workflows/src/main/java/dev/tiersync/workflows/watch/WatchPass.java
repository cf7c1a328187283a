package dev.tiersync.workflows.watch;

import java.util.List;

/**
 * What a pass found. The transition events themselves stay in the data dir (a pass over a large
 * fleet can change thousands of cells, too much for a workflow payload); the workflow handles them
 * by pass id.
 *
 * @param gone the collection no longer exists: the watch ends
 * @param intervalSeconds the interval until the next pass ({@code SYNC_WATCH_INTERVAL} as the
 *     app has it now); 0: the watch has been turned off and ends
 * @param transitions how many cells changed status
 * @param autoUpdate the artifacts the watch should update from upstream itself ({@code auto_update
 *     = "clean"}, not held, upstream moved to a commit not tried yet)
 */
public record WatchPass(
    String passId, boolean gone, long intervalSeconds, int transitions, List<String> autoUpdate) {

  public WatchPass {
    autoUpdate = autoUpdate == null ? List.of() : List.copyOf(autoUpdate);
  }
}
