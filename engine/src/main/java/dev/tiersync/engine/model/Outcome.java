package dev.tiersync.engine.model;

import java.util.Locale;

/**
 * What happened to one artifact in a job. Payloads and stored snapshots carry it by name ({@code
 * UPDATED}); the API and the audit log by label.
 */
public enum Outcome {
  CREATED,
  UPDATED,
  MERGED,
  UNCHANGED,
  SKIPPED,
  CONFLICT,
  /** Taken out of the tier (a remove or an undeploy). */
  REMOVED,
  ERROR;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
