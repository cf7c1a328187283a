package dev.tiersync.app.artifacts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/artifacts/{id}/diff}: how the {@code rhs} version differs from
 * the {@code lhs} version, file by file. Counts equal {@code git diff --numstat}. A version absent
 * from its tier has a null hash and diffs as all-added or all-removed.
 *
 * @param lhs the left-hand tier: {@code upstream|collection|project|base}
 * @param rhs the right-hand tier
 * @param identical whether both versions have the same content
 * @param files every file of either version, unchanged ones included, in path order
 * @param truncated whether inline text was left out because it is above {@code
 *     SYNC_DIFF_PREVIEW_MAX}; counts stay exact
 * @param truncatedReason why, when truncated
 * @param downloadUrl the full Git-style patch of these two exact versions, set whenever some text
 *     was left out (above the limit, or a binary file changed)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DiffView(
    String artifactId,
    String lhs,
    String rhs,
    String lhsHash,
    String rhsHash,
    boolean identical,
    List<FileView> files,
    Summary summary,
    boolean truncated,
    String truncatedReason,
    String downloadUrl) {

  /**
   * One file's change.
   *
   * @param status {@code added|removed|modified|unchanged}
   * @param binary whether Git would treat either side as binary (then there are no line counts and
   *     no text: compare sizes and hashes)
   * @param oldSize size in bytes on the left, null when the file is absent there
   * @param oldMode Git's octal mode on the left ({@code 100644}, {@code 100755}, {@code 120000})
   * @param lineEndingsOnly whether only line endings changed (CRLF ↔ LF)
   * @param unifiedDiff the hunks with {@code ---}/{@code +++} headers, or null when left out
   * @param omittedReason why {@code unified_diff} is null for a changed file, else null
   * @param downloadUrl for a changed binary file, its bytes (the right-hand ones, or the left-hand
   *     ones when it was removed)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record FileView(
      String path,
      String status,
      int linesAdded,
      int linesRemoved,
      boolean binary,
      Long oldSize,
      Long newSize,
      String oldSha256,
      String newSha256,
      String oldMode,
      String newMode,
      boolean lineEndingsOnly,
      String unifiedDiff,
      String omittedReason,
      String downloadUrl) {}

  /** Totals over all files, as {@code git diff --shortstat} counts them. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Summary(
      int filesAdded, int filesRemoved, int filesModified, int linesAdded, int linesRemoved) {}
}
