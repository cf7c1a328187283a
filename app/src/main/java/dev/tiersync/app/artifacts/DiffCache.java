package dev.tiersync.app.artifacts;

import dev.tiersync.engine.diff.ArtifactDiff;
import dev.tiersync.engine.diff.FileDiff;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small least-recently-used cache of rendered diffs, bounded both by entry count and by the
 * inline text the entries hold. Two content hashes and a preview limit determine a diff completely,
 * so entries never go stale. Thread-safe.
 */
final class DiffCache {
  /**
   * What a diff is keyed by.
   *
   * @param lhsHash content hash of the left side, or null when it is absent
   * @param rhsHash content hash of the right side, or null when it is absent
   * @param previewMaxBytes the inline preview limit the diff was rendered under
   */
  record Key(String lhsHash, String rhsHash, long previewMaxBytes) {}

  /** A rough per-file cost so that diffs of many files without text still count. */
  private static final long FILE_OVERHEAD_BYTES = 256;

  private final int maxEntries;
  private final long maxWeightBytes;
  private final LinkedHashMap<Key, ArtifactDiff> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long weight;

  DiffCache(int maxEntries, long maxWeightBytes) {
    if (maxEntries < 1 || maxWeightBytes < 1) {
      throw new IllegalArgumentException("cache bounds must be positive");
    }
    this.maxEntries = maxEntries;
    this.maxWeightBytes = maxWeightBytes;
  }

  synchronized ArtifactDiff get(Key key) {
    return entries.get(key);
  }

  /** Adds a diff, evicting the least recently used ones beyond the bounds. */
  synchronized void put(Key key, ArtifactDiff diff) {
    long w = weight(diff);
    if (w > maxWeightBytes) {
      return;
    }
    ArtifactDiff old = entries.put(key, diff);
    weight += w - (old == null ? 0 : weight(old));
    var eldest = entries.entrySet().iterator();
    while (entries.size() > maxEntries || weight > maxWeightBytes) {
      Map.Entry<Key, ArtifactDiff> e = eldest.next();
      weight -= weight(e.getValue());
      eldest.remove();
    }
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized long weight() {
    return weight;
  }

  /** Approximate bytes a diff holds: its inline text (one byte a char, as Latin-1 strings). */
  static long weight(ArtifactDiff diff) {
    long w = 0;
    for (FileDiff f : diff.files()) {
      w += FILE_OVERHEAD_BYTES + f.path().length();
      if (f.unifiedDiff() != null) {
        w += f.unifiedDiff().length();
      }
    }
    return w;
  }
}
