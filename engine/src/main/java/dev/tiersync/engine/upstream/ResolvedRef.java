package dev.tiersync.engine.upstream;

import java.time.Instant;

/**
 * What a ref of an upstream repository pointed at when it was resolved.
 *
 * @param commitSha full 40-digit commit id (tags peeled to their commit)
 * @param refName short name: the branch ({@code main}), the tag ({@code v1.2}), or for a commit the
 *     full sha
 * @param kind how {@code refName} was interpreted
 * @param commitTime committer time of the commit
 * @param author {@code Name <email>} of the commit's author
 * @param shortMessage first line of the commit message
 */
public record ResolvedRef(
    String commitSha,
    String refName,
    Kind kind,
    Instant commitTime,
    String author,
    String shortMessage) {

  /** How a requested ref was interpreted. */
  public enum Kind {
    /** {@code null} or {@code latest}: the remote's default branch (its HEAD). */
    DEFAULT_BRANCH,
    BRANCH,
    /** A lightweight or annotated tag, peeled to its commit. */
    TAG,
    /** A full or abbreviated commit sha. */
    COMMIT
  }

  static ResolvedRef of(CommitInfo c, String refName, Kind kind) {
    return new ResolvedRef(c.sha(), refName, kind, c.commitTime(), c.author(), c.shortMessage());
  }
}
