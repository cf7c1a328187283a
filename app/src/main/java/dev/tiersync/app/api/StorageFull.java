package dev.tiersync.app.api;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises "the disk is full" among failures, wherever it was wrapped: a {@code java.nio} {@link
 * FileSystemException} or a plain {@link IOException} whose reason is the operating system's
 * {@code ENOSPC} ("No space left on device") or {@code EDQUOT} ("Disk quota exceeded"), and
 * sqlite-jdbc's {@code SQLITE_FULL} ("database or disk is full"). The API answers these with 507
 * Insufficient Storage instead of a bare 500.
 */
public final class StorageFull {
  /** What the API says the cause was. */
  public static final String REASON = "no space left on the device holding the data directory (TIERSYNC_HOME)";

  private static final int SQLITE_FULL = 13;

  private StorageFull() {}

  /** Whether {@code failure} or anything it wraps (causes, suppressed) says the disk is full. */
  public static boolean in(Throwable failure) {
    return find(failure, new HashSet<>());
  }

  private static boolean find(Throwable t, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return false;
    }
    if (says(t)) {
      return true;
    }
    for (Throwable s : t.getSuppressed()) {
      if (find(s, seen)) {
        return true;
      }
    }
    return find(t.getCause(), seen);
  }

  private static boolean says(Throwable t) {
    if (t instanceof FileSystemException f && full(f.getReason())) {
      return true;
    }
    if (t instanceof IOException && full(t.getMessage())) {
      return true;
    }
    if (t instanceof SQLException sql) {
      String m = String.valueOf(sql.getMessage());
      return sql.getErrorCode() == SQLITE_FULL || m.contains("SQLITE_FULL") || m.contains("database or disk is full");
    }
    return false;
  }

  private static boolean full(String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("no space left on device") || m.contains("disk quota exceeded");
  }
}
