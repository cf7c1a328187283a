package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.upstream.CommitInfo;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamCache;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the upstream version an artifact's project copy descends from: the merge base of a {@link
 * PatchBase#LOCAL_CHANGES} patch.
 *
 * <p>The rule: walk the upstream commits that touched the artifact's path, newest first (at most
 * {@link #MAX_COMMITS}), and take the newest one whose version of the artifact has a content hash
 * the project has held (its current version or its lineage); failing that, the newest one equal
 * to the collection's version the project was last synced from (the collection→project base);
 * failing that, the newest one the collection has held (its current version, its lineage); failing
 * that, the commit the collection was last synced from ({@code resolved_sha}), and the head when
 * none is recorded or it is gone upstream.
 *
 * <p>Why not simply the edge's base: after a conflict resolved by keeping the project's version,
 * the collection's {@code resolved_sha} and the collection→project base have both moved to the
 * new upstream version although the project's file never took it; a patch from there would revert
 * upstream's newer lines. The versions the project really held say where its content came from.
 */
final class MergeBaseFinder {
  /** How far back the upstream history of an artifact's path is searched. */
  static final int MAX_COMMITS = 200;

  private final UpstreamCache upstream;

  MergeBaseFinder(UpstreamCache upstream) {
    this.upstream = upstream;
  }

  /**
   * The merge base of the artifact at {@code path} in {@code url}, searching the history of {@code
   * fromSha} (the commit the followed ref points at).
   *
   * @param resolvedSha the collection's {@code resolved_sha}; null when none is recorded
   * @param headSha the fallback when nothing else is known
   */
  MergeBase find(
      String url,
      String path,
      String fromSha,
      LocalVersions held,
      String resolvedSha,
      String headSha)
      throws IOException {
    if (!held.isEmpty()) {
      MergeBase deployedMatch = null;
      MergeBase collectionMatch = null;
      // The same tree often comes back (a revert); hash each distinct one once.
      Map<String, String> hashByTreeId = new HashMap<>();
      for (CommitInfo c :
          upstream.history(url, fromSha, path, MAX_COMMITS, FetchPolicy.IF_MISSING, null)) {
        Optional<String> treeId = upstream.artifactTreeId(url, c.sha(), path);
        if (treeId.isEmpty()) {
          continue;
        }
        String hash = hashByTreeId.get(treeId.get());
        if (hash == null) {
          hash = contentHash(url, c.sha(), path);
          hashByTreeId.put(treeId.get(), hash);
        }
        if (held.project().contains(hash)) {
          return new MergeBase(c.sha(), MergeBase.Source.PROJECT, hash);
        }
        if (deployedMatch == null && hash.equals(held.deployedFrom())) {
          deployedMatch = new MergeBase(c.sha(), MergeBase.Source.DEPLOYED_FROM, hash);
        }
        if (collectionMatch == null && held.collection().contains(hash)) {
          collectionMatch = new MergeBase(c.sha(), MergeBase.Source.COLLECTION, hash);
        }
      }
      if (deployedMatch != null) {
        return deployedMatch;
      }
      if (collectionMatch != null) {
        return collectionMatch;
      }
    }
    if (resolvedSha != null) {
      try {
        String sha = upstream.resolve(url, resolvedSha, FetchPolicy.IF_MISSING, null).commitSha();
        return new MergeBase(sha, MergeBase.Source.RESOLVED_SHA, contentHash(url, sha, path));
      } catch (UpstreamRefNotFoundException e) {
        // Force-pushed away upstream: nothing is left to take the changes from but the head.
      }
    }
    return new MergeBase(headSha, MergeBase.Source.HEAD, contentHash(url, headSha, path));
  }

  private String contentHash(String url, String sha, String path) throws IOException {
    return upstream.readArtifact(url, sha, path).map(ArtifactTree::contentHash).orElse(null);
  }
}
