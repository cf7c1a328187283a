package dev.tiersync.engine.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folder housekeeping shared by the stores that build a folder aside and move it into place. */
public final class Folders {
  private Folders() {}

  /**
   * Deletes a folder with everything in it, deepest entries first; links inside are deleted, not
   * followed. Nothing happens when the folder does not exist.
   */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
