package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A failure the command line reports as one line on stderr (never a stack trace) and ends with
 * {@link #exitCode()}: a server that cannot be reached, a refused token, bad input.
 */
final class CliException extends RuntimeException {
  private final int exitCode;
  private final transient JsonNode problem;

  CliException(int exitCode, String message) {
    this(exitCode, message, null);
  }

  /**
   * @param problem the server's RFC 9457 problem document, printed on stdout with {@code --output
   *     json} so that scripts can read the {@code field} at fault
   */
  CliException(int exitCode, String message, JsonNode problem) {
    super(message, null, false, false);
    this.exitCode = exitCode;
    this.problem = problem;
  }

  /** Bad input or an unusable server: exit code {@value ExitCodes#USAGE_OR_SERVER}. */
  static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE_OR_SERVER, message);
  }

  int exitCode() {
    return exitCode;
  }

  JsonNode problem() {
    return problem;
  }
}
