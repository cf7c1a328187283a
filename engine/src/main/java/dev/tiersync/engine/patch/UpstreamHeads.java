package dev.tiersync.engine.patch;

import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.ResolvedRef;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** The upstream heads a patch bundle is made against, resolved once per repository and ref. */
final class UpstreamHeads {
  /**
   * Where an artifact's ref stands now: {@code followed} is what the ref itself points at (the base
   * when no {@code resolved_sha} is known); {@code target} is the branch a pull request would go
   * to, the ref itself or, for a tag or commit, the default branch. The trial apply runs against
   * {@code target}.
   */
  record Heads(ResolvedRef followed, ResolvedRef target) {}

  private final UpstreamCache upstream;
  private final FetchPolicy headFetch;
  private final Map<String, Heads> known = new HashMap<>();

  UpstreamHeads(UpstreamCache upstream, FetchPolicy headFetch) {
    this.upstream = upstream;
    this.headFetch = headFetch;
  }

  /** The heads of {@code ref} in {@code url}, resolved once per bundle. */
  Heads of(String url, String ref) throws IOException {
    String key = url + '\0' + ref;
    Heads h = known.get(key);
    if (h == null) {
      ResolvedRef followed = upstream.resolve(url, ref, headFetch, null);
      ResolvedRef target = followed;
      if (followed.kind() == ResolvedRef.Kind.TAG || followed.kind() == ResolvedRef.Kind.COMMIT) {
        // The mirror is as fresh as the caller asked for, so the default branch needs no second
        // fetch.
        FetchPolicy again =
            headFetch == FetchPolicy.NEVER ? FetchPolicy.NEVER : FetchPolicy.IF_MISSING;
        target = upstream.resolve(url, null, again, null);
      }
      h = new Heads(followed, target);
      known.put(key, h);
    }
    return h;
  }
}
