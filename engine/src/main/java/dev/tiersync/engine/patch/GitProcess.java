package dev.tiersync.engine.patch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code git} binary, isolated from the user's and the system's configuration, for the few
 * checks JGit cannot make. Whether git is installed is asked once.
 */
final class GitProcess {
  private static final long TIMEOUT_SECONDS = 60;

  /** Exit code and standard error of one run. */
  record Run(int exitCode, String stderr) {}

  private final String executable;
  private volatile Boolean available;

  GitProcess(String executable) {
    this.executable = executable;
  }

  /** Whether {@code git --version} runs. */
  boolean available() {
    Boolean a = available;
    if (a == null) {
      try {
        a = run(Path.of(".").toAbsolutePath(), "--version").exitCode() == 0;
      } catch (IOException e) {
        a = false;
      }
      available = a;
    }
    return a;
  }

  Run run(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_CONFIG_GLOBAL", File.separatorChar == '\\' ? "NUL" : "/dev/null");
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.environment().put("LC_ALL", "C");
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    try {
      p.getOutputStream().close();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("git " + String.join(" ", args) + " timed out");
      }
      return new Run(p.exitValue(), err);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running git", e);
    }
  }
}
