package dev.tiersync.app.agent;

import dev.tiersync.engine.content.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The agent's folder for versions on their way to or from the server: one per agent process,
 * {@code <root>/<pid>}, so that agents sharing a data directory never touch each other's files.
 * Claiming it removes what agents no longer running left behind (an agent killed mid-transfer
 * leaves its archive there).
 */
final class StagingFolder {
  private StagingFolder() {}

  /**
   * This process's staging folder under {@code root} (not created yet), after removing the folders
   * of processes that are gone, this process's own leftover included.
   */
  static Path claim(Path root) throws IOException {
    long self = ProcessHandle.current().pid();
    if (Files.isDirectory(root)) {
      try (Stream<Path> entries = Files.list(root)) {
        for (Path entry : entries.toList()) {
          if (leftOver(entry.getFileName().toString(), self)) {
            Folders.deleteRecursively(entry);
          }
        }
      }
    }
    return root.resolve(Long.toString(self));
  }

  /** A folder of a process no longer running (or anything else the staging root should not hold). */
  private static boolean leftOver(String name, long self) {
    long pid;
    try {
      pid = Long.parseLong(name);
    } catch (NumberFormatException e) {
      return true;
    }
    return pid == self || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
  }
}
