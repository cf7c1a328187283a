package dev.tiersync.app.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The command line as a user runs it: {@code scripts/tiersync} (which the failsafe run names in
 * {@code tiersync.cli.launcher}) as a real process, piped, or on a pseudo terminal through {@code
 * script -q}.
 */
final class CliProcess {
  /** How one run ended. */
  record Result(int exitCode, String out, String err) {}

  private final Path launcher;
  private final Map<String, String> env = new HashMap<>();

  CliProcess(String server, String token) {
    launcher =
        Path.of(System.getProperty("tiersync.cli.launcher", "../scripts/tiersync"))
            .toAbsolutePath();
    Path jar = launcher.getParent().resolve("../cli/target/tiersync-cli.jar").normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "the CLI jar is not built at " + jar + " (package the cli module first)");
    }
    env.put("TIERSYNC_URL", server);
    env("TIERSYNC_TOKEN", token);
  }

  CliProcess env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  /** Runs piped (stdin empty, stdout and stderr captured apart) and waits for the end. */
  Result run(String... args) throws Exception {
    Process p = start(args);
    p.getOutputStream().close();
    return finish(p);
  }

  /**
   * Runs the rest of a command line with Ctrl-C (SIGINT) handled as by default, then {@code exec}s
   * it. A process started in the background by a non-interactive shell (a CI script run with
   * {@code &}) ignores SIGINT, and so would the CLI, inheriting it: the interrupt tests would then
   * test nothing. Only a process may undo it for its own children, so a tiny Python one does
   * (Python 3 is a test dependency anyway: the SkillMeat interop tests).
   */
  private static final List<String> DEFAULT_SIGINT =
      List.of(
          "python3",
          "-c",
          "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL);"
              + " os.execvp(sys.argv[1], sys.argv[1:])");

  /** Starts a piped run without waiting; its process id is the CLI's. */
  Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(DEFAULT_SIGINT);
    command.add(launcher.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    environment(pb);
    return pb.start();
  }

  /**
   * Starts a run on a pseudo terminal: {@code script -q -e -c "..." /dev/null}, so stdin, stdout
   * and stderr of the CLI are one terminal; the returned process's stdout carries what it drew.
   */
  Process startOnTerminal(String... args) throws IOException {
    StringBuilder line = new StringBuilder("exec ").append(launcher);
    for (String arg : args) {
      line.append(' ').append(arg);
    }
    List<String> command = new ArrayList<>(DEFAULT_SIGINT);
    command.addAll(List.of("script", "-q", "-e", "-c", line.toString(), "/dev/null"));
    ProcessBuilder pb = new ProcessBuilder(command);
    environment(pb);
    pb.environment().put("COLUMNS", "100");
    pb.redirectErrorStream(true);
    return pb.start();
  }

  /** Only this run's settings: none inherited from whoever runs the tests. */
  private void environment(ProcessBuilder pb) {
    pb.environment().keySet().removeIf(k -> k.startsWith("TIERSYNC_") || k.equals("NO_COLOR"));
    pb.environment().putAll(env);
  }

  static Result finish(Process p) throws Exception {
    // Read both streams while it runs, so that a full pipe never stalls it.
    StreamText out = new StreamText(p.getInputStream());
    StreamText err = new StreamText(p.getErrorStream());
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          "the CLI did not end within 120 s; out: " + out.text() + " err: " + err.text());
    }
    out.join();
    err.join();
    return new Result(p.exitValue(), out.text(), err.text());
  }

  /** A stream read into memory on a thread of its own, readable while it fills. */
  static final class StreamText {
    private final StringBuffer text = new StringBuffer();
    private final Thread reader;

    StreamText(InputStream in) {
      reader =
          new Thread(
              () -> {
                byte[] buffer = new byte[4096];
                try (in) {
                  for (int n; (n = in.read(buffer)) > 0; ) {
                    text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                  }
                } catch (IOException e) {
                  // The process ended.
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    String text() {
      return text.toString();
    }

    /** Waits until the text so far satisfies {@code condition} (at most {@code timeout}). */
    String await(Predicate<String> condition, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (condition.test(text())) {
          return text();
        }
        Thread.sleep(20);
      }
      throw new AssertionError("not seen within " + timeout + "; so far: " + text());
    }

    void join() throws InterruptedException {
      reader.join(10_000);
    }
  }

  /** Sends SIGINT (Ctrl-C) to one process by its id. */
  static void interrupt(long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -INT " + pid + " failed");
    }
  }

  /** Types a line into a terminal run's stdin. */
  static void type(Process p, String line) throws IOException {
    OutputStream in = p.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }
}
