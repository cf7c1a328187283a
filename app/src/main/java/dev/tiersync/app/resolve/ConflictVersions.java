package dev.tiersync.app.resolve;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.merge.ArtifactMerger;
import dev.tiersync.engine.model.ArtifactPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Component;

/**
 * The three versions a conflicted sync merged, read back from the history store by the hashes its
 * plan recorded: base, ours (the destination tier's version before the merge) and theirs (the
 * source tier's).
 */
@Component
class ConflictVersions {
  private final HistoryStore history;

  ConflictVersions(HistoryStore history) {
    this.history = history;
  }

  /** The versions of one conflicted plan; each tree null when the plan names none. */
  record Versions(ArtifactTree base, ArtifactTree ours, ArtifactTree theirs) {
    FileEntry base(String path) {
      return base == null ? null : base.file(path);
    }

    FileEntry ours(String path) {
      return ours == null ? null : ours.file(path);
    }

    FileEntry theirs(String path) {
      return theirs == null ? null : theirs.file(path);
    }
  }

  /**
   * @param field the request field a missing version is reported against
   * @throws ApiException 409 when the history store no longer holds a version the plan names
   */
  Versions of(ArtifactPlan plan, String field) {
    return new Versions(
        tree(plan, plan.baseHash(), field),
        tree(plan, plan.destinationHash(), field),
        tree(plan, plan.sourceHash(), field));
  }

  private ArtifactTree tree(ArtifactPlan plan, String hash, String field) {
    if (hash == null) {
      return null;
    }
    try {
      return history.get(hash).orElseThrow(() -> ApiException.conflict(
          field, "version " + hash + " of " + plan.artifactId()
              + " is no longer in the history store; run the sync again"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the history store", e);
    }
  }

  /** The file's bytes; empty for a file that is absent (a base that lacks it). */
  static byte[] bytes(FileEntry e) {
    if (e == null) {
      return new byte[0];
    }
    try {
      return e.readAll();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + e.path() + " from the history store", ex);
    }
  }

  /** Whether every present version of a file merges as text. */
  static boolean text(FileEntry... entries) {
    for (FileEntry e : entries) {
      if (e != null && !ArtifactMerger.isText(e)) {
        return false;
      }
    }
    return true;
  }
}
