package dev.tiersync.app.config;

import java.util.regex.Pattern;

/**
 * The rule for the names a machine or process goes by ({@code TIERSYNC_INSTANCE_ID}, {@code
 * TIERSYNC_HOST_ID}, the entries of {@code TIERSYNC_HOSTS}): each becomes part of a file name or a
 * Temporal task queue name, so it is short and plain.
 */
final class MachineId {
  private static final Pattern RULE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (HostName.MAX_LENGTH - 1) + "}");

  private MachineId() {}

  /**
   * {@code value} if it follows the rule.
   *
   * @param setting the setting it came from, as the error names it (key, variable and default)
   * @throws IllegalArgumentException naming the setting, the rule and the value
   */
  static String check(String value, String setting) {
    if (!RULE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          setting + " must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit, was '"
              + value + "'");
    }
    return value;
  }
}
