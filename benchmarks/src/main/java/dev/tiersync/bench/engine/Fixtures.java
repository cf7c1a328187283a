package dev.tiersync.bench.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/** Generated inputs for the engine benchmarks: seeded, so every run measures the same bytes. */
final class Fixtures {
  private Fixtures() {}

  /** About {@code bytes} of unique source-like lines. */
  static String[] lines(Random r, int bytes) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int size = 0;
    for (int i = 0; size < bytes; i++) {
      String line = "line " + i + " " + Long.toHexString(r.nextLong()) + " lorem ipsum dolor sit amet\n";
      out.add(line);
      size += line.length();
    }
    return out.toArray(String[]::new);
  }

  /** A copy of {@code lines} with each line replaced with probability {@code changed}. */
  static String[] edit(Random r, String[] lines, double changed, String tag) {
    String[] out = lines.clone();
    for (int i = 0; i < out.length; i++) {
      if (r.nextDouble() < changed) {
        out[i] = tag + " " + i + " " + Long.toHexString(r.nextLong()) + "\n";
      }
    }
    return out;
  }

  static byte[] join(String[] lines) {
    return String.join("", lines).getBytes(StandardCharsets.UTF_8);
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * Runs a peer command (git, sha256sum, tar) in {@code dir} with its output discarded, and
   * returns its exit code. Fails on a code above {@code maxExitCode} (git diff answers 1 for
   * "differs", git merge-file the number of conflicts).
   */
  static int run(Path dir, int maxExitCode, String... command) {
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.INHERIT);
      pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
      pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
      int code = pb.start().waitFor();
      if (code < 0 || code > maxExitCode) {
        throw new IllegalStateException(String.join(" ", command) + " exited with " + code);
      }
      return code;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
