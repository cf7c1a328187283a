package dev.tiersync.engine.upstream;

import java.util.List;

/**
 * The commits of an upstream that changed a path between two commits: {@code git log
 * <from>..<to> -- <path>}.
 *
 * @param total how many commits there are in all
 * @param commits the newest of them, newest first, at most as many as were asked for
 */
public record CommitRange(int total, List<CommitInfo> commits) {
  public CommitRange {
    commits = List.copyOf(commits);
  }
}
