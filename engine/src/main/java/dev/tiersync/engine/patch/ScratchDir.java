package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary folder that is deleted, with everything in it, on close. */
final class ScratchDir implements AutoCloseable {
  private final Path path;

  private ScratchDir(Path path) {
    this.path = path;
  }

  /** A new folder in {@code parent} whose name starts with {@code prefix}. */
  static ScratchDir createIn(Path parent, String prefix) throws IOException {
    Files.createDirectories(parent);
    return new ScratchDir(Files.createTempDirectory(parent, prefix));
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    try {
      Folders.deleteRecursively(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete scratch folder " + path, e);
    }
  }
}
