package dev.tiersync.engine.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folder housekeeping shared by the stores that build a folder aside and move it into place. */
public final class Folders {
  private Folders() {}

  /**
   * Deletes a folder with everything in it, deepest entries first; links inside are deleted, not
   * followed, and a link given as {@code dir} is itself deleted. Nothing happens when there is
   * nothing at {@code dir} (or it is null).
   */
  public static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
