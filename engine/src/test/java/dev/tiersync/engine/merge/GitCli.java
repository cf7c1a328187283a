package dev.tiersync.engine.merge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code git} binary for parity tests and returns its exit code and stdout. */
final class GitCli {
  record Run(int exitCode, byte[] stdout, String stderr) {}

  private GitCli() {}

  /**
   * {@code git merge-file --diff3 -p} of three files with the labels of a collection-to-project
   * sync ({@code project}, {@code base}, {@code collection}).
   */
  static Run mergeFile(Path dir, Path ours, Path base, Path theirs)
      throws IOException, InterruptedException {
    return run(
        dir,
        List.of(
            "merge-file", "--diff3", "-p", "-L", "project", "-L", "base", "-L", "collection",
            ours.toString(), base.toString(), theirs.toString()));
  }

  /** {@code git merge-file --diff3 --union -p} of three files: conflicts take both sides' lines. */
  static Run mergeFileUnion(Path dir, Path ours, Path base, Path theirs)
      throws IOException, InterruptedException {
    return run(
        dir,
        List.of(
            "merge-file", "--diff3", "--union", "-p", ours.toString(), base.toString(),
            theirs.toString()));
  }

  static Run run(Path dir, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add("git");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    pb.environment().put("HOME", dir.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("git " + args + " timed out");
    }
    return new Run(p.exitValue(), out, err);
  }
}
