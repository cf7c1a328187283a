package dev.tiersync.engine.patch;

import java.util.Locale;

/** What an artifact's patch is made of: the project's own changes, or the project as a whole. */
public enum PatchBase {
  /**
   * The project's changes since its merge base (the upstream version its content descends from),
   * rebased on the upstream head by a three-way merge: the patch against the head carries only
   * what the project changed. The default.
   */
  LOCAL_CHANGES("local_changes"),
  /**
   * The project's version against the upstream version the collection was last synced from
   * ({@code resolved_sha}, or the head when none is recorded): applying it makes the upstream
   * equal the project, reverting whatever upstream changed that the project lacks.
   */
  UPSTREAM_HEAD("upstream_head");

  private final String id;

  PatchBase(String id) {
    this.id = id;
  }

  /** The name used in the API and the manifest: {@code local_changes}, {@code upstream_head}. */
  public String id() {
    return id;
  }

  /**
   * Parses {@code local_changes} or {@code upstream_head} (case-insensitive); null or blank is
   * {@link #LOCAL_CHANGES}, the default.
   *
   * @throws IllegalArgumentException for any other value
   */
  public static PatchBase fromId(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (v.isEmpty()) {
      return LOCAL_CHANGES;
    }
    for (PatchBase b : values()) {
      if (b.id.equals(v)) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "base must be 'local_changes' or 'upstream_head', got '" + value + "'");
  }
}
