package dev.tiersync.engine.tier;

import java.nio.file.Path;

/**
 * Thrown when a tier file ({@code collection.toml}, {@code collection.lock}, {@code
 * .skillmeat-deployed.toml}) or a value meant for one breaks a rule. {@link #field()} names the
 * offending key as a TOML path, e.g. {@code artifacts[2].name}.
 */
public class InvalidTierFileException extends IllegalArgumentException {
  private final transient Path file;
  private final String field;
  private final String reason;

  /** A problem with one key; {@code field} is null when the file is not valid TOML at all. */
  public InvalidTierFileException(String field, String reason) {
    this(null, field, reason, null);
  }

  private InvalidTierFileException(Path file, String field, String reason, Throwable cause) {
    super(message(file, field, reason), cause);
    this.file = file;
    this.field = field;
    this.reason = reason;
  }

  static InvalidTierFileException notToml(Path file, Throwable cause) {
    return new InvalidTierFileException(file, null, "not valid TOML: " + cause.getMessage(), cause);
  }

  /** The key path that holds the bad value, or null when the file could not be parsed. */
  public String field() {
    return field;
  }

  /** The file the value was read from, or null when it did not come from a file. */
  public Path file() {
    return file;
  }

  /** The same problem located in a file, its field prefixed by the enclosing table (or ""). */
  InvalidTierFileException at(Path file, String table) {
    String located = table.isEmpty() ? field : field == null ? table : table + "." + field;
    return new InvalidTierFileException(file, located, reason, this);
  }

  private static String message(Path file, String field, String reason) {
    String where = field == null ? "" : field + ": ";
    return (file == null ? "" : file + ": ") + where + reason;
  }
}
