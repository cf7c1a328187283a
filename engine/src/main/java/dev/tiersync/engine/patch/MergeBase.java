package dev.tiersync.engine.patch;

import java.util.Locale;

/**
 * The upstream version a {@link PatchBase#LOCAL_CHANGES} patch takes the project's changes from.
 *
 * @param sha the upstream commit
 * @param source how it was found
 * @param contentHash canonical content hash of the artifact at {@code sha}; null when it was not
 *     there
 */
public record MergeBase(String sha, Source source, String contentHash) {
  /** How the merge base was found, most to least certain. */
  public enum Source {
    /** The newest upstream version of the artifact that the project itself has held. */
    PROJECT,
    /**
     * The upstream version equal to the collection's version the project was last synced from
     * (the project held no upstream version).
     */
    DEPLOYED_FROM,
    /** The newest upstream version the collection has held (nothing above matched). */
    COLLECTION,
    /** Neither held an upstream version: the commit the collection was last synced from. */
    RESOLVED_SHA,
    /** Nothing better was known: the current head, so the patch is the project against it. */
    HEAD;

    /**
     * The lower-case name used in the manifest: {@code project}, {@code deployed_from}, {@code
     * collection}, {@code resolved_sha}, {@code head}.
     */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
