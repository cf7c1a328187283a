package dev.tiersync.engine.patch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code git} binary in tests, isolated from the user's configuration. */
final class GitCommand {
  record Run(int exitCode, byte[] stdout, String stderr) {}

  private GitCommand() {}

  static Run run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    p.getOutputStream().close();
    // Small outputs only: read stderr after stdout without risking a full pipe on either.
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("git " + List.of(args) + " timed out");
    }
    return new Run(p.exitValue(), out, new String(err, StandardCharsets.UTF_8));
  }

  /** Runs git and returns its output as UTF-8 text; fails the test unless git exits 0. */
  static String ok(Path dir, String... args) throws IOException, InterruptedException {
    return new String(okBytes(dir, args), StandardCharsets.UTF_8);
  }

  /** Runs git and returns its raw output; fails the test with git's message unless it exits 0. */
  static byte[] okBytes(Path dir, String... args) throws IOException, InterruptedException {
    Run r = run(dir, args);
    if (r.exitCode() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + " failed: " + r.stderr());
    }
    return r.stdout();
  }
}
