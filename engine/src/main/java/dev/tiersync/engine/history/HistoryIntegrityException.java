package dev.tiersync.engine.history;

import java.io.IOException;

/**
 * The bytes read while storing or loading a version do not match the digests they were described
 * by: the source file changed while it was being stored, or a stored version is damaged. Storing
 * again after re-reading the source is the remedy for the first case.
 */
public class HistoryIntegrityException extends IOException {
  public HistoryIntegrityException(String message) {
    super(message);
  }
}
