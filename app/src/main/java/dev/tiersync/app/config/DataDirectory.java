package dev.tiersync.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The data directory ({@code TIERSYNC_HOME}), created when the application starts.
 *
 * <p>Everything tiersync owns lives here: the SQLite job store, the JSONL mirror, the history
 * repository and caches.
 */
@Component
public class DataDirectory {

  private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

  private final Path root;

  public DataDirectory(TiersyncProperties properties) {
    this.root = properties.home();
    create(root);
  }

  /** The data directory itself (absolute, normalised). */
  public Path root() {
    return root;
  }

  /** The SQLite database holding the job store. */
  public Path database() {
    return root.resolve("tiersync.db");
  }

  private static void create(Path dir) {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      // The directory will hold API tokens and copies of every artifact version, so on POSIX
      // systems only the owner may read it.
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
      log.info("Created data directory {}", dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data directory " + dir, e);
    }
  }
}
