package dev.tiersync.engine.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers file digests by (path, size, mtime, inode) so that a warm status check reads no file
 * contents. A changed size, modification time or inode (an atomic rename) invalidates the entry.
 */
public final class HashCache {
  private record Key(long size, long mtimeNanos, Object inode) {}

  private record Cached(Key key, String sha256) {}

  private final ConcurrentHashMap<Path, Cached> entries = new ConcurrentHashMap<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /** The hex sha256 of a regular file's bytes, from the cache when its stat is unchanged. */
  public String sha256(Path file, BasicFileAttributes attrs) throws IOException {
    Key key = new Key(attrs.size(), attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), inode(file, attrs));
    Path abs = file.toAbsolutePath();
    Cached c = entries.get(abs);
    if (c != null && c.key.equals(key)) {
      hits.incrementAndGet();
      return c.sha256;
    }
    misses.incrementAndGet();
    String digest = digest(file);
    entries.put(abs, new Cached(key, digest));
    return digest;
  }

  /** Streams a file through sha256 without holding it in memory. */
  public static String digest(Path file) throws IOException {
    MessageDigest md = ArtifactTree.sha256();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static Object inode(Path file, BasicFileAttributes attrs) {
    Object key = attrs.fileKey();
    if (key != null) {
      return key;
    }
    try {
      return Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "";
    }
  }

  /** Number of digests answered from the cache since creation. */
  public long hits() {
    return hits.get();
  }

  /** Number of digests that had to read the file. */
  public long misses() {
    return misses.get();
  }

  public int size() {
    return entries.size();
  }
}
