package dev.tiersync.engine.merge;

import java.util.Locale;

/**
 * A file the merge could not settle. For binary and delete/modify conflicts no markers are
 * written; the hashes say which versions met.
 */
public record FileConflict(
    String path, Kind kind, String baseSha256, String oursSha256, String theirsSha256) {

  /** Why a file conflicts. */
  public enum Kind {
    /** Both sides edited the same or touching lines; markers were written. */
    CONTENT,
    /** Both sides added the file with different content; markers against an empty base. */
    ADD_ADD,
    /** One side deleted the file, the other changed it; the changed version is kept. */
    DELETE_MODIFY,
    /** Both sides changed a binary file (or a symlink); the destination's file is kept. */
    BINARY,
    /** No merge base exists and the sides differ; nothing is chosen silently. */
    NO_BASE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
