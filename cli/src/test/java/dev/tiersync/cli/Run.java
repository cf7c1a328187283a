package dev.tiersync.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One run of the command line in this JVM, with its environment, streams and terminal flags. */
final class Run {
  final int exitCode;
  final String out;
  final String err;

  private Run(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  /** A run builder: environment and which streams are terminals. */
  static final class Builder {
    private final Map<String, String> env = new HashMap<>();
    private boolean tty;
    private String stdin = "";

    Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** All three streams are a terminal. */
    Builder tty() {
      tty = true;
      return this;
    }

    Builder stdin(String text) {
      stdin = text;
      return this;
    }

    Run run(String... args) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Terminal terminal =
          new Terminal(
              env,
              new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              tty,
              tty,
              tty,
              100);
      int code = Tiersync.run(terminal, args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  /** A run against {@code server} with a token. */
  static Builder against(FakeServer server) {
    return new Builder().env("TIERSYNC_URL", server.url()).env("TIERSYNC_TOKEN", "t0ken");
  }
}
