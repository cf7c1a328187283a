package dev.tiersync.app.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
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

  /**
   * Creates the folder if needed and proves it usable by creating and deleting a file in it.
   *
   * @throws UnusableDataDirectoryException naming the reason (stops start-up with one line)
   */
  static void create(Path dir) {
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new UnusableDataDirectoryException(dir, "it is a file, not a folder", null);
      }
      if (!Files.isDirectory(dir)) {
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
      }
      Path probe = Files.createTempFile(dir, ".write-check-", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new UnusableDataDirectoryException(dir, reason(dir, e), e);
    }
  }

  private static String reason(Path dir, IOException e) {
    for (Path p = dir.getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        if (!Files.isDirectory(p)) {
          return "a part of the path is a file, not a folder: " + p;
        }
        break;
      }
    }
    Path file = e instanceof FileSystemException f && f.getFile() != null ? Path.of(f.getFile()) : null;
    // A failure on the file that proves the folder writable is the folder's failure.
    boolean probe = file != null && file.startsWith(dir) && !file.equals(dir);
    String where = file == null || file.equals(dir) || probe ? "" : " (" + file + ")";
    if (e instanceof AccessDeniedException) {
      return probe ? "it is not writable (permission denied)" : "permission denied" + where;
    }
    if (e instanceof NoSuchFileException) {
      return "it cannot be created: no such file or directory" + where;
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().substring(0, 1).toLowerCase(Locale.ROOT) + f.getReason().substring(1) + where;
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /**
   * {@code TIERSYNC_HOME} cannot be created or written. Start-up stops (exit status 1) with one
   * line on stderr saying so ({@link UnusableDataDirectoryAnalyzer}, {@link
   * StartupFailureReporter}). It deliberately carries no exit code of its own: Spring Boot
   * announces one with an event on the failed context, which fails and logs a trace.
   */
  public static final class UnusableDataDirectoryException extends RuntimeException {
    private final transient Path dir;
    private final String reason;

    UnusableDataDirectoryException(Path dir, String reason, Throwable cause) {
      super("TIERSYNC_HOME=" + dir + " is not usable: " + reason, cause);
      this.dir = dir;
      this.reason = reason;
    }

    public Path dir() {
      return dir;
    }

    public String reason() {
      return reason;
    }
  }
}
