package dev.tiersync.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * A throw-away PostgreSQL server ({@code scripts/postgres.sh}) in a temp folder of its own, with a
 * {@code tiersync} database and user, for tests of the PostgreSQL job store. One per test class:
 * start it in a static hook and {@link #close()} it after the class.
 */
public final class PostgresServer implements AutoCloseable {
  private static final Path SCRIPT = Path.of("..", "scripts", "postgres.sh").toAbsolutePath().normalize();

  private final Path dir;
  private final Map<String, String> settings;

  private PostgresServer(Path dir, Map<String, String> settings) {
    this.dir = dir;
    this.settings = settings;
  }

  /** Starts a new server; its folder is a new temp folder (the script's server user must enter it). */
  public static PostgresServer start() {
    try {
      Path dir = Files.createTempDirectory("tiersync-postgres-");
      Map<String, String> settings = new HashMap<>();
      for (String line : run("start", dir).split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          settings.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return new PostgresServer(dir, Map.copyOf(settings));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/tiersync} */
  public String url() {
    return settings.get("SYNC_DB_URL");
  }

  public String user() {
    return settings.get("SYNC_DB_USER");
  }

  public String password() {
    return settings.get("SYNC_DB_PASSWORD");
  }

  /** The settings the app reads ({@code SYNC_DB_URL}, {@code SYNC_DB_USER}, {@code SYNC_DB_PASSWORD}). */
  public Map<String, String> environment() {
    return settings;
  }

  /** Stops the server and keeps its folder (as when the database goes down under a running app). */
  public void stop() {
    try {
      run("stop", dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server (unless stopped already) and deletes its folder. */
  @Override
  public void close() {
    try {
      run("stop", dir);
      FileSystemUtils.deleteRecursively(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the script; its stdout, or a failure carrying its stderr. */
  private static String run(String command, Path dir) throws IOException {
    Path err = Files.createTempFile("postgres-sh-", ".err");
    try {
      Process p = new ProcessBuilder(SCRIPT.toString(), command, dir.toString()).redirectError(err.toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "scripts/postgres.sh " + command + " " + dir + " failed: " + Files.readString(err));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running scripts/postgres.sh", e);
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
