package dev.tiersync.engine.upstream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LogCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/** The commits of an upstream that changed a path: {@code git log -n <max> <ref> -- <path>}. */
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
}
