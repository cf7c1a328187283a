package dev.tiersync.engine.diff;

import dev.tiersync.engine.content.FileMode;

/**
 * How one file differs between two versions of an artifact.
 *
 * <p>Line counts equal {@code git diff --numstat}; they are 0 for binary files, which are
 * described by size and hash only. {@code unifiedDiff} is null when the text was left out (binary,
 * or above the preview limit: see {@link ArtifactDiff#truncatedReason()}).
 */
public record FileDiff(
    String path,
    Status status,
    boolean binary,
    int linesAdded,
    int linesRemoved,
    FileMode oldMode,
    FileMode newMode,
    String oldSha256,
    String newSha256,
    long oldSize,
    long newSize,
    boolean lineEndingsOnly,
    String unifiedDiff) {

  /** The change a file went through from the left-hand to the right-hand version. */
  public enum Status {
    ADDED,
    REMOVED,
    MODIFIED,
    UNCHANGED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean modeChanged() {
    return oldMode != null && newMode != null && oldMode != newMode;
  }

  FileDiff withoutText() {
    return new FileDiff(
        path, status, binary, linesAdded, linesRemoved, oldMode, newMode, oldSha256, newSha256,
        oldSize, newSize, lineEndingsOnly, null);
  }
}
