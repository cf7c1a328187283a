package dev.tiersync.engine.tier;

import dev.tiersync.engine.model.ArtifactId;
import java.nio.file.Path;
import java.util.List;

/**
 * Thrown when a tier file ({@code collection.toml}, {@code collection.lock}, {@code
 * .skillmeat-deployed.toml}) or a value meant for one breaks a rule. {@link #field()} names the
 * offending key as a TOML path, e.g. {@code artifacts[2].name}; {@link #line()} the line of the
 * file where the problem is, when known.
 *
 * <p>A problem with one entry of a file does not make the file unreadable: the entry is kept as an
 * {@link InvalidEntry}. This exception reaches callers for a file that cannot be read as a whole
 * (not valid TOML, not UTF-8, a broken {@code [collection]} table), and for a write that would
 * touch an invalid entry.
 */
public class InvalidTierFileException extends IllegalArgumentException {
  private final transient Path file;
  private final String field;
  private final String reason;
  private final Integer line;

  /** A problem with one key; {@code field} is null when the file is not valid TOML at all. */
  public InvalidTierFileException(String field, String reason) {
    this(null, field, reason, null, null);
  }

  private InvalidTierFileException(
      Path file, String field, String reason, Integer line, Throwable cause) {
    super(message(file, field, reason, line), cause);
    this.file = file;
    this.field = field;
    this.reason = reason;
    this.line = line;
  }

  /**
   * A file the TOML parser refused. The parser's exception is not kept as the cause: its message is
   * already in this one, and a job reports the root cause's message, which lacks file and line.
   */
  static InvalidTierFileException notToml(Path file, Integer line, Throwable cause) {
    return new InvalidTierFileException(
        file, null, "not valid TOML: " + cause.getMessage(), line, null);
  }

  static InvalidTierFileException notUtf8(Path file, Integer line) {
    return new InvalidTierFileException(file, null, "not valid UTF-8", line, null);
  }

  /** An entry that breaks a rule, as the reason its artifact cannot be read or synced. */
  public static InvalidTierFileException of(InvalidEntry entry) {
    return new InvalidTierFileException(
        entry.file(), entry.field(), entry.reason(), entry.line(), null);
  }

  /** Refuses a write to {@code id} when one of {@code invalid} is its entry. */
  static void refuseIfInvalid(List<InvalidEntry> invalid, ArtifactId id) {
    for (InvalidEntry p : invalid) {
      if (id.equals(p.artifactId())) {
        throw untouchable(p);
      }
    }
  }

  /** The refusal of a write that would change or remove an entry that breaks a rule. */
  static InvalidTierFileException untouchable(InvalidEntry entry) {
    return new InvalidTierFileException(
        entry.file(),
        entry.field(),
        "the entry of "
            + entry.artifactId()
            + " breaks a rule and is left as written until it is fixed by hand: "
            + entry.reason(),
        entry.line(),
        null);
  }

  /** The key path that holds the bad value, or null when the file could not be parsed. */
  public String field() {
    return field;
  }

  /** The file the value was read from, or null when it did not come from a file. */
  public Path file() {
    return file;
  }

  /** The rule that was broken, without the file and field. */
  public String reason() {
    return reason;
  }

  /** The 1-based line of the file where the problem is, or null when unknown. */
  public Integer line() {
    return line;
  }

  /** The same problem located in a file, its field prefixed by the enclosing table (or ""). */
  InvalidTierFileException at(Path file, String table) {
    String located = table.isEmpty() ? field : field == null ? table : table + "." + field;
    // No cause: a job reports the root cause's message, and this one names file and key.
    return new InvalidTierFileException(file, located, reason, line, null);
  }

  private static String message(Path file, String field, String reason, Integer line) {
    String where = field == null ? "" : field + ": ";
    String at = file == null ? "" : line == null ? file + ": " : file + ":" + line + ": ";
    return at + where + reason;
  }
}
