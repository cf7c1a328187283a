package dev.tiersync.app.artifacts;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.diff.ArtifactDiff;
import dev.tiersync.engine.diff.ArtifactDiffer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Renders diffs with the engine's Git-compatible {@link ArtifactDiffer}: the guarded preview
 * (served from a {@link DiffCache}) and the full patch. Failures are counted in {@code
 * tiersync_diff_render_failures_total} and answered as a 500 problem.
 */
final class DiffRenderer {
  /** Git's prefixes, so that the downloaded patch applies with {@code git apply}. */
  static final String OLD_PREFIX = "a/";

  static final String NEW_PREFIX = "b/";

  private static final Logger log = LoggerFactory.getLogger(DiffRenderer.class);

  private final long previewMaxBytes;
  private final ArtifactDiffer differ;
  private final DiffCache cache;
  private final Counter failures;
  private final Counter hits;
  private final Counter misses;

  DiffRenderer(long previewMaxBytes, DiffCache cache, MeterRegistry registry) {
    this.previewMaxBytes = previewMaxBytes;
    this.differ = new ArtifactDiffer(previewMaxBytes);
    this.cache = cache;
    this.failures =
        Counter.builder("tiersync_diff_render_failures")
            .description("Artifact diffs that could not be rendered")
            .register(registry);
    this.hits = requests(registry, "hit");
    this.misses = requests(registry, "miss");
  }

  private static Counter requests(MeterRegistry registry, String result) {
    return Counter.builder("tiersync_diff_cache_requests")
        .description("Diff previews asked of the diff cache, by result")
        .tag("result", result)
        .register(registry);
  }

  long previewMaxBytes() {
    return previewMaxBytes;
  }

  /** The diff of two versions (null = absent) with inline text up to the preview limit. */
  ArtifactDiff preview(ArtifactTree lhs, ArtifactTree rhs) {
    DiffCache.Key key = new DiffCache.Key(TierRead.hash(lhs), TierRead.hash(rhs), previewMaxBytes);
    ArtifactDiff cached = cache.get(key);
    if (cached != null) {
      hits.increment();
      return cached;
    }
    misses.increment();
    ArtifactDiff diff = render(() -> differ.diff(lhs, rhs));
    cache.put(key, diff);
    return diff;
  }

  /**
   * The whole diff as one Git-style patch with {@code a/} and {@code b/} prefixes, unguarded, byte
   * for byte (file contents are never decoded).
   */
  byte[] fullPatch(ArtifactTree lhs, ArtifactTree rhs) {
    return render(() -> ArtifactDiffer.fullPatchBytes(lhs, rhs, OLD_PREFIX, NEW_PREFIX));
  }

  private <T> T render(Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      failures.increment();
      log.warn("cannot render a diff", e);
      throw new ApiException(
          HttpStatus.INTERNAL_SERVER_ERROR, null, "cannot render the diff: " + e.getMessage());
    }
  }
}
