package dev.tiersync.engine.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers each artifact copy read from disk (a folder or a single file) by its root: the stat of
 * every entry as the read saw it and the tree built from them, so that a warm read reads no file
 * contents. A read whose walk sees the same entries with the same stats (size, modification time to
 * the nanosecond, inode, executable bit) gets the remembered tree; otherwise only the entries whose
 * stat changed are hashed again. A changed size or modification time (an in-place edit, even one
 * that keeps the size within the same second) or inode (a file replaced by rename) invalidates an
 * entry; a deleted or added file changes the list.
 *
 * <p>Keyed per copy rather than per file: a fleet of 11,000 copies of five files made 55,000
 * look-ups of absolute paths in one large map per read, most of a warm fleet read's time.
 */
public final class HashCache {
  /**
   * What a read saw of one entry of a copy: two reads that see equal stats see the same bytes.
   *
   * @param path the entry's path relative to the copy's root (its name for a single file)
   * @param inode the file key (device and inode), so that a file replaced by rename is noticed
   */
  public record FileStat(
      String path, long size, long mtimeNanos, Object inode, boolean executable, boolean link) {

    /**
     * The numbers first, the path last: a warm fleet read compares 55,000 of these, and the
     * generated equals compared the path strings (a memory miss each) before anything else.
     */
    @Override
    public boolean equals(Object o) {
      return o instanceof FileStat s
          && mtimeNanos == s.mtimeNanos
          && size == s.size
          && executable == s.executable
          && link == s.link
          && Objects.equals(inode, s.inode)
          && path.equals(s.path);
    }

    @Override
    public int hashCode() {
      return Objects.hash(path, size, mtimeNanos, inode, executable, link);
    }
  }

  private record Copy(List<FileStat> stats, ArtifactTree tree) {}

  private final ConcurrentHashMap<Path, Copy> copies = new ConcurrentHashMap<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /**
   * The tree last read at {@code root}, when that read saw exactly {@code stats} (the same entries
   * in the same walk order) and the copy had the same shape; null otherwise.
   */
  public ArtifactTree unchanged(Path root, List<FileStat> stats, boolean singleFile) {
    Copy c = copies.get(root);
    if (c != null && c.tree.isSingleFile() == singleFile && c.stats.equals(stats)) {
      hits.addAndGet(stats.size());
      return c.tree;
    }
    return null;
  }

  /**
   * The digests the last read of {@code root} found, by path, for the entries whose stat is still
   * the same: what a changed copy need not hash again.
   */
  public Map<String, String> unchangedDigests(Path root, List<FileStat> stats) {
    Copy c = copies.get(root);
    Map<String, String> out = new HashMap<>();
    if (c == null) {
      return out;
    }
    Map<String, FileStat> before = new HashMap<>();
    for (FileStat s : c.stats) {
      before.put(s.path(), s);
    }
    for (FileStat s : stats) {
      FileEntry entry = c.tree.file(s.path());
      if (s.equals(before.get(s.path())) && entry != null) {
        out.put(s.path(), entry.sha256());
      }
    }
    return out;
  }

  /** Remembers the tree a read of {@code root} built from the entries it saw ({@code stats}). */
  public void remember(Path root, List<FileStat> stats, ArtifactTree tree, int hashed) {
    hits.addAndGet(stats.size() - hashed);
    misses.addAndGet(hashed);
    copies.put(root, new Copy(List.copyOf(stats), tree));
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

  /** Number of entries answered from the cache since creation. */
  public long hits() {
    return hits.get();
  }

  /** Number of entries that had to be read. */
  public long misses() {
    return misses.get();
  }

  /** Number of copies remembered. */
  public int size() {
    return copies.size();
  }
}
