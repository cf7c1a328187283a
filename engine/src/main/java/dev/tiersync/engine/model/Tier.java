package dev.tiersync.engine.model;

import java.util.Locale;
import java.util.Optional;

/** The places an artifact version can come from. {@link #BASE} is the merge base of an edge. */
public enum Tier {
  UPSTREAM,
  COLLECTION,
  PROJECT,
  BASE;

  /** Lower-case name as used in the API and in conflict markers. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Tier> fromLabel(String value) {
    return EnumLabels.parse(Tier.class, value);
  }
}
