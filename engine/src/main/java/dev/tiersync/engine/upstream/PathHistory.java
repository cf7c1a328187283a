package dev.tiersync.engine.upstream;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LogCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The commits of an upstream that changed a path: {@code git log -n <max> <ref> -- <path>}, and
 * those between two commits, {@code git log <from>..<to> -- <path>}.
 */
final class PathHistory {
  private final Mirrors mirrors;
  private final RefResolver refs;

  PathHistory(Mirrors mirrors, RefResolver refs) {
    this.mirrors = mirrors;
    this.refs = refs;
  }

  /** See {@link UpstreamCache#history(String, String, String, int, FetchPolicy, FetchProgress)}. */
  List<CommitInfo> log(
      String url, String ref, String path, int max, FetchPolicy policy, FetchProgress progress)
      throws UpstreamUnavailableException {
    if (max <= 0) {
      throw new IllegalArgumentException("max must be positive, got " + max);
    }
    String cleanPath = RepoPaths.clean(url, ref, path);
    ResolvedRef start = refs.resolve(url, ref, policy, progress);
    Repository repo = mirrors.open(Remote.of(url));
    List<CommitInfo> out = new ArrayList<>();
    try {
      LogCommand log =
          Git.wrap(repo).log().add(ObjectId.fromString(start.commitSha())).setMaxCount(max);
      if (!cleanPath.isEmpty()) {
        log.addPath(cleanPath);
      }
      for (RevCommit c : log.call()) {
        out.add(CommitInfo.of(c));
      }
    } catch (GitAPIException | IOException | JGitInternalException e) {
      throw UpstreamUnavailableException.because(url, "cannot read the history of " + url, e);
    }
    return out;
  }

  /**
   * See {@link UpstreamCache#commitsBetween}: {@code git log <from>..<to> -- <path>}, counted in
   * full and listed up to {@code limit}. Each commit is fetched only if the mirror lacks it.
   */
  CommitRange range(
      String url, String fromSha, String toSha, String path, int limit, Duration fetchLimit)
      throws UpstreamUnavailableException {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    String cleanPath = RepoPaths.clean(url, toSha, path);
    Remote remote = Remote.of(url);
    refs.mirrorWithCommit(remote, fromSha, null, fetchLimit);
    Repository repo = refs.mirrorWithCommit(remote, toSha, null, fetchLimit);
    List<CommitInfo> out = new ArrayList<>();
    int total = 0;
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(RefResolver.parseCommit(url, walk, toSha));
      walk.markUninteresting(RefResolver.parseCommit(url, walk, fromSha));
      if (!cleanPath.isEmpty()) {
        walk.setTreeFilter(
            AndTreeFilter.create(PathFilterGroup.createFromStrings(cleanPath), TreeFilter.ANY_DIFF));
      }
      for (RevCommit c : walk) {
        if (out.size() < limit) {
          out.add(CommitInfo.of(c));
        }
        total++;
      }
    } catch (IOException e) {
      throw UpstreamUnavailableException.because(url, "cannot read the history of " + url, e);
    }
    return new CommitRange(total, out);
  }
}
