package dev.tiersync.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fresh data directories for application tests, under the module's {@code target/}. */
public final class TestDataHome {

  /** The API token application tests configure (TIERSYNC_API_TOKENS) and send. */
  public static final String API_TOKEN = "test-token-7f3c9a1e5b2d4086";

  private TestDataHome() {}

  /**
   * A new, not yet existing data directory path, so tests also cover its creation at start. It
   * lives under {@code target/} so that {@code mvn clean} removes it.
   */
  public static Path newHome() {
    try {
      Path parent = Files.createDirectories(Path.of("target", "test-homes"));
      return Files.createTempDirectory(parent.toAbsolutePath(), "run-").resolve("home");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
