package dev.tiersync.engine.sync;

import dev.tiersync.engine.model.Tier;
import java.util.Locale;
import java.util.Optional;

/** The edges a sync can run along; {@code project_to_upstream} is a patch export, not a sync. */
public enum SyncDirection {
  UPSTREAM_TO_COLLECTION(Tier.UPSTREAM, Tier.COLLECTION),
  COLLECTION_TO_PROJECT(Tier.COLLECTION, Tier.PROJECT),
  PROJECT_TO_COLLECTION(Tier.PROJECT, Tier.COLLECTION);

  private final Tier source;
  private final Tier destination;

  SyncDirection(Tier source, Tier destination) {
    this.source = source;
    this.destination = destination;
  }

  public Tier source() {
    return source;
  }

  public Tier destination() {
    return destination;
  }

  /** Whether the direction needs a project folder. */
  public boolean needsProject() {
    return source == Tier.PROJECT || destination == Tier.PROJECT;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SyncDirection> fromLabel(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (SyncDirection d : values()) {
      if (d.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
