package dev.tiersync.app.resolve;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/sync/jobs/{job_id}/conflicts/{artifact_id}}: what a client
 * needs to show a conflicted artifact in three panes and build a result.
 *
 * @param oursTier the destination tier ("ours", left pane): {@code collection} or {@code project}
 * @param theirsTier the source tier ("theirs", right pane): {@code upstream}, {@code collection}
 *     or {@code project}
 * @param files the files the sync's merge could not settle, in path order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConflictPanesView(
    String jobId,
    String artifactId,
    String direction,
    String projectPath,
    String oursTier,
    String theirsTier,
    String baseHash,
    String oursHash,
    String theirsHash,
    List<FilePanes> files) {

  /**
   * One conflicted file. Contents are UTF-8 text, null when the version lacks the file, and all
   * null (with no hunks) for a binary file or symlink ({@code binary}) or one above {@code
   * SYNC_DIFF_PREVIEW_MAX} ({@code omitted_reason} {@code too_large}).
   *
   * @param kind the conflict's kind: {@code content}, {@code add_add}, {@code delete_modify},
   *     {@code binary}, {@code no_base}, {@code invalid_front_matter}
   * @param reason why, for {@code invalid_front_matter}; null otherwise
   * @param frontMatter whether the sync merged the file's front matter key by key ({@code SKILL.md}
   *     and agent and command files): the hunks are then the front matter's pieces (its delimiter
   *     lines, each key, a conflict per key changed two ways) followed by the body's hunks, and
   *     carry text only (no line numbers)
   * @param hunks the three-way merge of the file, in order, covering every line of the three
   *     versions; empty when ours or theirs lacks the file, or no content is shown
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record FilePanes(
      String path,
      String kind,
      String reason,
      boolean binary,
      String omittedReason,
      boolean frontMatter,
      String base,
      String ours,
      String theirs,
      List<Hunk> hunks) {}

  /**
   * One region of the merge, as 0-based line ranges of each version and their text.
   *
   * @param kind {@code common} (both sides alike: the merge keeps it), {@code ours} or {@code
   *     theirs} (only that side changed it: the merge takes it), {@code conflict}
   * @param from where the merge's lines come from: {@code both} for common, the tier of the side
   *     for ours and theirs ({@code upstream}, {@code collection}, {@code project}), null for a
   *     conflict (left: {@code ours_tier}, right: {@code theirs_tier})
   * @param key the front matter key a conflict is about; null otherwise
   * @param baseStart the 0-based first line in the base (and so on for each side's start and
   *     count); null in a file whose front matter was merged key by key
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Hunk(
      String kind,
      String from,
      String key,
      Integer baseStart,
      Integer baseCount,
      Integer oursStart,
      Integer oursCount,
      Integer theirsStart,
      Integer theirsCount,
      String base,
      String ours,
      String theirs) {}
}
