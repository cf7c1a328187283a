package dev.tiersync.engine.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The edge a job runs along, from a source tier to a destination tier. Three edges are syncs;
 * {@link #PROJECT_TO_UPSTREAM} only ever exports a patch, since tiersync never writes an upstream.
 *
 * <p>Workflow payloads and stored requests carry it by name ({@code UPSTREAM_TO_COLLECTION}); the
 * API and the job store's direction column use its {@link #label()}.
 */
public enum Direction {
  UPSTREAM_TO_COLLECTION(Tier.UPSTREAM, Tier.COLLECTION),
  COLLECTION_TO_PROJECT(Tier.COLLECTION, Tier.PROJECT),
  PROJECT_TO_COLLECTION(Tier.PROJECT, Tier.COLLECTION),
  PROJECT_TO_UPSTREAM(Tier.PROJECT, Tier.UPSTREAM);

  private final Tier source;
  private final Tier destination;

  Direction(Tier source, Tier destination) {
    this.source = source;
    this.destination = destination;
  }

  public Tier source() {
    return source;
  }

  /** The tier a job in this direction writes (for a patch export: the upstream it targets). */
  public Tier destination() {
    return destination;
  }

  /** Whether the direction needs a project folder. */
  public boolean needsProject() {
    return source == Tier.PROJECT || destination == Tier.PROJECT;
  }

  /** Whether a job in this direction exports a patch bundle rather than syncing. */
  public boolean exportsPatch() {
    return destination == Tier.UPSTREAM;
  }

  /** Lower-case name as used in the API ({@code upstream_to_collection}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a label, ignoring case and surrounding blanks. */
  public static Optional<Direction> fromLabel(String value) {
    return EnumLabels.parse(Direction.class, value);
  }
}
