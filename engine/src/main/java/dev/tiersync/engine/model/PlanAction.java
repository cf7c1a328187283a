package dev.tiersync.engine.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What applying an {@link ArtifactPlan} does. Serialised by its lower-case label ({@code
 * "merge"}), as payloads and stored plans have always carried it.
 */
public enum PlanAction {
  /** The destination lacks the artifact; it is created from the source. */
  CREATE,
  /** The destination is replaced by the source (fast-forward, or strategy theirs). */
  UPDATE,
  /** Both sides changed; the three-way merge result is written. */
  MERGE,
  /** The merge writes conflict markers (or keeps a side for binary/delete conflicts). */
  CONFLICT,
  /** Nothing to write; the edge's base may still advance. */
  NONE,
  /** Not touched, for the reason given. */
  SKIP,
  /** The artifact is taken out of the destination tier (its files and its entries). */
  REMOVE,
  /** The artifact cannot be synced (an entry of it in a tier file breaks a rule); never applied. */
  ERROR;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether applying writes the destination. */
  public boolean writes() {
    return this == CREATE || this == UPDATE || this == MERGE || this == CONFLICT || this == REMOVE;
  }

  /** The outcome applying this action reports when the destination is as planned. */
  public Outcome outcome() {
    return switch (this) {
      case CREATE -> Outcome.CREATED;
      case UPDATE -> Outcome.UPDATED;
      case MERGE -> Outcome.MERGED;
      case CONFLICT -> Outcome.CONFLICT;
      case NONE -> Outcome.UNCHANGED;
      case SKIP -> Outcome.SKIPPED;
      case REMOVE -> Outcome.REMOVED;
      case ERROR -> Outcome.ERROR;
    };
  }
}
