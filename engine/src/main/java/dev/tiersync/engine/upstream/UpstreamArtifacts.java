package dev.tiersync.engine.upstream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Lists the artifacts an upstream holds at a commit ({@link ArtifactScanner}), each with the
 * commit that last changed it ({@link LastCommits}), from the mirror.
 */
final class UpstreamArtifacts {
  private final RefResolver refs;

  UpstreamArtifacts(RefResolver refs) {
    this.refs = refs;
  }

  /** See {@link UpstreamCache#artifacts}. */
  List<FoundArtifact> list(String url, String commitSha, String folder, String repositoryName)
      throws UpstreamUnavailableException {
    String path = RepoPaths.clean(url, commitSha, folder);
    Repository repo = refs.mirrorWithCommit(Remote.of(url), commitSha, null);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = RefResolver.parseCommit(url, walk, commitSha);
      List<FoundArtifact> found =
          new ArtifactScanner(walk.getObjectReader(), repositoryName).scan(commit, path);
      Map<String, CommitInfo> last =
          LastCommits.of(walk, commit, found.stream().map(FoundArtifact::path).toList());
      List<FoundArtifact> out = new ArrayList<>(found.size());
      for (FoundArtifact a : found) {
        out.add(new FoundArtifact(a.path(), a.id(), a.description(), last.get(a.path())));
      }
      return out;
    } catch (IOException e) {
      throw UpstreamUnavailableException.because(
          url, "cannot read " + (path.isEmpty() ? "the tree" : path) + " at " + commitSha, e);
    }
  }
}
