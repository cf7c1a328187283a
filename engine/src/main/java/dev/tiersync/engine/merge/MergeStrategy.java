package dev.tiersync.engine.merge;

import java.util.Locale;
import java.util.Optional;

/**
 * How to combine an incoming (source) version with the destination's current one. The same in
 * every direction: {@link #THEIRS} takes the source tier, {@link #OURS} keeps the destination tier,
 * {@link #AUTO} merges three-way.
 */
public enum MergeStrategy {
  AUTO,
  OURS,
  THEIRS;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<MergeStrategy> fromLabel(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (MergeStrategy s : values()) {
      if (s.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
