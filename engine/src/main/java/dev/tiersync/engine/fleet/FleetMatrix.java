package dev.tiersync.engine.fleet;

import dev.tiersync.engine.tier.InvalidEntry;
import java.nio.file.Path;
import java.util.List;

/**
 * A collection's artifacts against projects.
 *
 * @param projects the projects, in the order each row's cells follow
 * @param rows one per artifact of the collection ({@code collection.toml} entries and the artifacts
 *     on disk), sorted by id
 * @param invalid the collection's {@code collection.toml} entries that break a rule
 */
public record FleetMatrix(
    String collection, List<Path> projects, List<FleetRow> rows, List<InvalidEntry> invalid) {

  public FleetMatrix {
    projects = List.copyOf(projects);
    rows = List.copyOf(rows);
    invalid = List.copyOf(invalid);
  }
}
