package dev.tiersync.engine.sync;

import java.util.Locale;

/**
 * What happened to one artifact when a plan was applied: the outcome named in the API, why when
 * nothing was done, and the destination's hash before and after.
 */
public record ApplyResult(Outcome outcome, String reason, String beforeHash, String afterHash) {

  /** Per-artifact job outcomes, as the API names them. */
  public enum Outcome {
    CREATED,
    UPDATED,
    MERGED,
    UNCHANGED,
    SKIPPED,
    CONFLICT,
    ERROR;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
