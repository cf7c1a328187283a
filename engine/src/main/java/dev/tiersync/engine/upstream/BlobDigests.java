package dev.tiersync.engine.upstream;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Remembers the sha256 and size of Git blobs by blob id. A blob id names the same bytes in every
 * repository, so one cache serves all mirrors, and re-reading an unchanged artifact streams no blob
 * twice.
 */
final class BlobDigests {
  record Digest(String sha256, long size) {}

  private final Map<ObjectId, Digest> lru;

  BlobDigests(int capacity) {
    this.lru =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<ObjectId, Digest> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized Digest get(ObjectId blob) {
    return lru.get(blob);
  }

  synchronized void put(ObjectId blob, Digest digest) {
    lru.put(blob.copy(), digest);
  }
}
