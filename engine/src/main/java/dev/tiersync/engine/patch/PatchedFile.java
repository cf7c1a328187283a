package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.diff.FileDiff;

/**
 * One file a patch changes.
 *
 * @param path path relative to the upstream repository root
 * @param status added, removed or modified (a mode or type change counts as modified)
 * @param oldMode mode at the base; null when added
 * @param newMode mode in the project; null when removed
 * @param binary whether the file is binary (then the patch holds a {@code GIT binary patch})
 * @param linesAdded added lines as {@code git diff --numstat} counts them; 0 for binary files
 * @param linesRemoved removed lines, likewise
 * @param oldBlobId Git blob id of the base content; null when added
 * @param newBlobId Git blob id of the project's content; null when removed
 * @param sha256 hex sha256 of the project's content; null when removed
 * @param archiveEntry the bundle entry holding the project's copy ({@code files/...}); null when
 *     removed, or for a symlink whose target leaves the artifact
 */
public record PatchedFile(
    String path,
    FileDiff.Status status,
    FileMode oldMode,
    FileMode newMode,
    boolean binary,
    int linesAdded,
    int linesRemoved,
    String oldBlobId,
    String newBlobId,
    String sha256,
    String archiveEntry) {

  /** Whether the bytes differ (false for a change of mode only). */
  public boolean contentChanged() {
    return oldBlobId == null || !oldBlobId.equals(newBlobId);
  }

  /** Whether the file turns from a symlink into a file or back. */
  public boolean typeChanged() {
    return oldMode != null
        && newMode != null
        && (oldMode == FileMode.SYMLINK) != (newMode == FileMode.SYMLINK);
  }

  PatchedFile withArchiveEntry(String entry) {
    return new PatchedFile(
        path,
        status,
        oldMode,
        newMode,
        binary,
        linesAdded,
        linesRemoved,
        oldBlobId,
        newBlobId,
        sha256,
        entry);
  }
}
