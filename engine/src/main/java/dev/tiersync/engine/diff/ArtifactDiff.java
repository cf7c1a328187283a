package dev.tiersync.engine.diff;

import java.util.List;

/**
 * The difference between two versions of an artifact: one entry per file (unchanged files
 * included), summary counts, and whether inline text was left out and why.
 */
public record ArtifactDiff(
    List<FileDiff> files, Summary summary, boolean truncated, String truncatedReason) {

  /** Totals over all files, as {@code git diff --shortstat} would count them. */
  public record Summary(
      int filesAdded, int filesRemoved, int filesModified, int linesAdded, int linesRemoved) {}

  public boolean isIdentical() {
    return summary.filesAdded() == 0 && summary.filesRemoved() == 0 && summary.filesModified() == 0;
  }
}
