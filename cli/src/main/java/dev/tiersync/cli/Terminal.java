package dev.tiersync.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * What one run sees of its surroundings: the environment, the three standard streams and whether
 * each is a terminal. The JVM cannot tell whether stderr alone is a terminal, so {@code
 * scripts/tiersync} tests each descriptor ({@code [ -t 2 ]}) and passes the answers as system
 * properties ({@code tiersync.tty.in/out/err}, {@code tiersync.columns}); run as a bare {@code java
 * -jar}, a console means all three are.
 */
final class Terminal {
  private final Map<String, String> env;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean inTty;
  private final boolean outTty;
  private final boolean errTty;
  private final int columns;
  private BufferedReader reader;

  Terminal(
      Map<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream err,
      boolean inTty,
      boolean outTty,
      boolean errTty,
      int columns) {
    this.env = env;
    this.in = in;
    this.out = out;
    this.err = err;
    this.inTty = inTty;
    this.outTty = outTty;
    this.errTty = errTty;
    this.columns = columns;
  }

  /** The process's own streams and environment. */
  static Terminal system() {
    boolean console = System.console() != null;
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    return new Terminal(
        System.getenv(),
        System.in,
        out,
        err,
        flag("tiersync.tty.in", console),
        flag("tiersync.tty.out", console),
        flag("tiersync.tty.err", console),
        Integer.getInteger("tiersync.columns", 80));
  }

  private static boolean flag(String property, boolean fallback) {
    String value = System.getProperty(property);
    return value == null ? fallback : Boolean.parseBoolean(value);
  }

  /** An environment variable, or null when unset or empty. */
  String env(String name) {
    String value = env.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  boolean stdoutIsTerminal() {
    return outTty;
  }

  boolean stderrIsTerminal() {
    return errTty;
  }

  /** Whether a person can answer a question: stdin and stderr (where it is asked) are terminals. */
  boolean interactive() {
    return inTty && errTty;
  }

  /** The terminal's width in columns (80 when unknown). */
  int columns() {
    return columns > 20 ? columns : 80;
  }

  /**
   * The width lines on stdout should fit: the terminal's, or 0 (no limit) when stdout is piped, so
   * that a file, a pager or a script gets every character.
   */
  int outputWidth() {
    return outTty ? columns() : 0;
  }

  /**
   * Asks a yes/no question on stderr and reads the answer from stdin; anything but {@code y} or
   * {@code yes} (or end of input) is no.
   */
  boolean confirm(String question) {
    err.print(question + " [y/N] ");
    err.flush();
    try {
      if (reader == null) {
        reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
      String answer = reader.readLine();
      if (answer == null) {
        err.println();
        return false;
      }
      answer = answer.strip().toLowerCase(Locale.ROOT);
      return answer.equals("y") || answer.equals("yes");
    } catch (IOException e) {
      return false;
    }
  }
}
