package dev.tiersync.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real SkillMeat CLI, installed from PyPI by {@code scripts/skillmeat.sh} into a cached
 * virtual environment, run with {@code HOME} set to a scratch folder so it keeps its collections,
 * snapshots and cache there. Output is plain (no colours, wide lines, no stdin), as in CI.
 */
final class SkillMeatCli {
  /** What one command printed; stdout and stderr apart, as SkillMeat logs to stderr. */
  record Result(int exitCode, String stdout, String stderr) {
    /** The JSON document on stdout (deploy prints a prompt before it when not on a TTY). */
    JsonNode json() throws Exception {
      int start = stdout.indexOf('{');
      if (start < 0) {
        throw new AssertionError("no JSON on stdout: " + this);
      }
      return new ObjectMapper().readTree(stdout.substring(start));
    }

    Result ok() {
      if (exitCode != 0) {
        throw new AssertionError("skillmeat exited " + exitCode + ": " + this);
      }
      return this;
    }
  }

  private final Path bin;
  private final Path home;

  private SkillMeatCli(Path bin, Path home) {
    this.bin = bin;
    this.home = home;
  }

  /** Installs the CLI if needed ({@code scripts/skillmeat.sh}) and uses {@code home} as HOME. */
  static SkillMeatCli install(Path home) throws Exception {
    Path script = Path.of("scripts/skillmeat.sh").toAbsolutePath();
    if (!Files.exists(script)) {
      script = Path.of("../scripts/skillmeat.sh").toAbsolutePath().normalize();
    }
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString());
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(script + " failed: " + out);
    }
    Files.createDirectories(home);
    return new SkillMeatCli(Path.of(out), home);
  }

  /** {@code <home>/.skillmeat/collections}, where SkillMeat keeps its collections. */
  Path collections() {
    return home.resolve(".skillmeat/collections");
  }

  Result run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(bin.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
    pb.environment().put("HOME", home.toString());
    pb.environment().put("NO_COLOR", "1");
    pb.environment().put("TERM", "dumb");
    pb.environment().put("COLUMNS", "200");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Path err = Files.createTempFile(home, "stderr", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("skillmeat " + String.join(" ", args) + " did not end");
    }
    String stderr = Files.readString(err);
    Files.delete(err);
    return new Result(p.exitValue(), out, stderr);
  }
}
