package dev.tiersync.activities;

/**
 * A {@link VersionTransfer} refused for a reason a retry cannot mend: the version is missing, the
 * token is wrong, or what arrived does not hash to the name it was asked for. The message says
 * which, naming the hash and, where it helps, the setting to fix.
 */
public class VersionTransferException extends RuntimeException {
  public VersionTransferException(String message) {
    super(message);
  }

  public VersionTransferException(String message, Throwable cause) {
    super(message, cause);
  }

  /** What arrived as {@code requested} hashes to {@code actual}. */
  public static VersionTransferException mismatch(String requested, String actual) {
    return new VersionTransferException(
        "the version downloaded as " + requested + " hashes to " + actual + "; it was not stored");
  }
}
