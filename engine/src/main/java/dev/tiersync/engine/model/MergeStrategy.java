package dev.tiersync.engine.model;

import java.util.Locale;
import java.util.Optional;

/**
 * How to combine an incoming (source) version with the destination's current one. The same in
 * every direction: {@link #THEIRS} takes the source tier, {@link #OURS} keeps the destination tier,
 * {@link #AUTO} merges three-way. Payloads carry it by name ({@code AUTO}), the API by label.
 */
public enum MergeStrategy {
  AUTO,
  OURS,
  THEIRS;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a label, ignoring case and surrounding blanks. */
  public static Optional<MergeStrategy> fromLabel(String value) {
    return EnumLabels.parse(MergeStrategy.class, value);
  }
}
