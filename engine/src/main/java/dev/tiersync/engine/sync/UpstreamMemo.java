package dev.tiersync.engine.sync;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.ResolvedRef;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream reads remembered for a reader of many artifacts (the fleet): a ref is resolved once per
 * read of the fleet ({@link #newRead}), since every artifact of one repository and branch shares
 * its head; an artifact's tree at a commit is kept across reads, since it never changes (up to
 * {@link #MAX_TREES}, then forgotten all at once). Thread-safe.
 */
public final class UpstreamMemo {
  static final int MAX_TREES = 20_000;

  private final UpstreamCache cache;
  private final Map<List<String>, ResolvedRef> heads = new ConcurrentHashMap<>();
  private final Map<List<String>, Optional<ArtifactTree>> trees = new ConcurrentHashMap<>();

  UpstreamMemo(UpstreamCache cache) {
    this.cache = cache;
  }

  /** Starts a new read: refs are resolved again (a fetch may have moved them). */
  public void newRead() {
    heads.clear();
  }

  ResolvedRef resolve(String repository, String ref, FetchPolicy policy) throws IOException {
    List<String> key = java.util.Arrays.asList(repository, ref, policy.name());
    ResolvedRef known = heads.get(key);
    if (known != null) {
      return known;
    }
    ResolvedRef head = cache.resolve(repository, ref, policy, null);
    heads.put(key, head);
    return head;
  }

  Optional<ArtifactTree> tree(String repository, String commitSha, String path) throws IOException {
    List<String> key = List.of(repository, commitSha, path);
    Optional<ArtifactTree> known = trees.get(key);
    if (known != null) {
      return known;
    }
    Optional<ArtifactTree> tree = cache.readArtifact(repository, commitSha, path, null);
    if (trees.size() >= MAX_TREES) {
      trees.clear();
    }
    trees.put(key, tree);
    return tree;
  }
}
