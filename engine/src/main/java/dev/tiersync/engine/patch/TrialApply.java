package dev.tiersync.engine.patch;

import java.util.Locale;

/** Whether a patch would apply to the current upstream head, as {@code git apply} judges it. */
public enum TrialApply {
  /** Every file of the patch applies. */
  CLEAN,
  /** At least one file does not apply; the result lists which and why. */
  CONFLICT,
  /** No conflict was found, but at least one file could not be checked. */
  UNKNOWN;

  /**
   * The lower-case name used in the manifest and the API: {@code clean}, {@code conflict}, {@code
   * unknown}.
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The worse of two outcomes: a conflict outweighs an unknown, which outweighs clean. */
  public TrialApply worse(TrialApply other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
