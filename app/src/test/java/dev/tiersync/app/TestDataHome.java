package dev.tiersync.app;

import dev.tiersync.engine.testing.Tiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Fresh data directories for application tests, under the module's {@code target/}, and the
 * environment that points the app at a data home and a set of {@link Tiers}.
 */
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

  /** New tiers beside a {@link #newHome() new data home}, made before the app starts. */
  public static Tiers newTiers() {
    try {
      return Tiers.create(newHome().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The environment variables a user would set, pointing the app at these tiers with its data
   * home in {@code home} beside them.
   */
  public static Map<String, String> env(Tiers tiers) {
    return Map.of(
        "TIERSYNC_HOME", tiers.root().resolve("home").toString(),
        "TIERSYNC_COLLECTIONS", tiers.collectionsRoot().toString(),
        "TIERSYNC_PROJECT_ROOTS", tiers.projectsRoot().toString(),
        "TIERSYNC_API_TOKENS", API_TOKEN);
  }

  /** {@link #env} as the properties of a Spring Boot test. */
  public static void register(DynamicPropertyRegistry registry, Tiers tiers) {
    env(tiers).forEach((name, value) -> registry.add(name, () -> value));
  }
}
