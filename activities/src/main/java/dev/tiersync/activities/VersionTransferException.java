package dev.tiersync.activities;

/** A refusal of a version transfer that a retry cannot mend (missing, wrong token, wrong hash). */
public class VersionTransferException extends RuntimeException {
  public VersionTransferException(String message) {
    super(message);
  }
}
