package dev.tiersync.engine.status;

import java.util.Locale;

/**
 * The state of one edge (source tier → target tier) of an artifact, ordered from least to most
 * severe so that the overall badge is simply the more severe of the two edges.
 */
public enum SyncStatus {
  SYNCED,
  MISSING,
  REMOVED,
  OUTDATED,
  MODIFIED,
  DIVERGED,
  CONFLICT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The more severe of two statuses; a null (edge does not exist) never wins. */
  public static SyncStatus worst(SyncStatus a, SyncStatus b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
