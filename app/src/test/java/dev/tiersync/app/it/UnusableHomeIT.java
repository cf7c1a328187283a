package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.Tiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged app started as a real process with a {@code TIERSYNC_HOME} it cannot use: it exits
 * non-zero, says so in one line on stderr naming {@code TIERSYNC_HOME} and the reason, and prints
 * no stack trace anywhere.
 */
class UnusableHomeIT {
  private final Path jar =
      Path.of(System.getProperty("tiersync.app.jar", "target/tiersync-app.jar")).toAbsolutePath();

  record Outcome(int exit, List<String> stderr, String stdout) {}

  @Test
  void homeIsAFile() throws Exception {
    Path tmp = Files.createTempDirectory("tiersync-home-");
    Path file = Files.writeString(tmp.resolve("home"), "not a folder\n");

    Outcome o = start(tmp, file, List.of());

    assertOneLine(o, "tiersync: TIERSYNC_HOME=" + file + " is not usable: it is a file, not a folder");
  }

  @Test
  void homeIsUnderAFile() throws Exception {
    Path tmp = Files.createTempDirectory("tiersync-home-");
    Path file = Files.writeString(tmp.resolve("file"), "x\n");
    Path home = file.resolve("data");

    Outcome o = start(tmp, home, List.of());

    assertOneLine(
        o, "tiersync: TIERSYNC_HOME=" + home + " is not usable: a part of the path is a file, not a folder: " + file);
  }

  /** Permissions only bind a user other than root: run the app as nobody where this test is root. */
  @Test
  void homeIsNotWritable() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    assumeThat(root && Files.isExecutable(Path.of("/usr/bin/setpriv"))).as("root with setpriv").isTrue();
    Path tmp = Files.createTempDirectory("tiersync-home-");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("r-xr-xr-x"));
    assumeThat(readableByOthers(jar)).as("the jar is readable by nobody").isTrue();

    Outcome o = start(tmp, home, List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));

    assertOneLine(o, "tiersync: TIERSYNC_HOME=" + home + " is not usable: it is not writable (permission denied)");
  }

  private static boolean readableByOthers(Path file) throws Exception {
    for (Path p = file; p != null; p = p.getParent()) {
      String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
      if (perms.charAt(Files.isDirectory(p) ? 8 : 6) != (Files.isDirectory(p) ? 'x' : 'r')) {
        return false;
      }
    }
    return true;
  }

  private static void assertOneLine(Outcome o, String line) {
    assertThat(o.exit()).as("exit status; stdout:\n" + o.stdout()).isNotZero();
    assertThat(o.stderr()).as("stderr; stdout:\n" + o.stdout()).containsExactly(line);
    assertThat(o.stdout()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("APPLICATION FAILED TO START");
  }

  private Outcome start(Path tmp, Path home, List<String> prefix) throws Exception {
    assertThat(jar).as("packaged app").isRegularFile();
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx256m", "-jar", jar.toString(), "--server.port=0"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
    Map<String, String> env = new HashMap<>(TestDataHome.env(Tiers.create(tmp.resolve("ws"))));
    env.put("TIERSYNC_HOME", home.toString());
    // The JVM prints this to stderr when set by the environment; keep stderr the app's own.
    env.remove("JAVA_TOOL_OPTIONS");
    pb.environment().putAll(env);
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    Path out = tmp.resolve("stdout.txt");
    Path err = tmp.resolve("stderr.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("the app did not stop; stdout:\n" + Files.readString(out));
    }
    List<String> stderr = Files.readAllLines(err).stream().filter(l -> !l.isBlank()).toList();
    return new Outcome(p.exitValue(), stderr, Files.readString(out));
  }
}
