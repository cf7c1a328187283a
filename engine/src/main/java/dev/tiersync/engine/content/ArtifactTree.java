package dev.tiersync.engine.content;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of an artifact: its files keyed by POSIX relative path, plus whether the artifact
 * is a single file (then the map holds exactly one entry, keyed by the file name).
 *
 * <p>The content hash is the one function every tier uses (SPEC section 2): sha256 over the
 * entries sorted by path, each as {@code path \0 hex(sha256(bytes)) \n}.
 */
public final class ArtifactTree {
  private final Map<String, FileEntry> files;
  private final boolean singleFile;
  private String contentHash;

  private ArtifactTree(Map<String, FileEntry> files, boolean singleFile) {
    this.files = Collections.unmodifiableMap(files);
    this.singleFile = singleFile;
  }

  /** A folder artifact (a skill, or an MCP folder). */
  public static ArtifactTree folder(Collection<FileEntry> entries) {
    return new ArtifactTree(index(entries), false);
  }

  /** A single-file artifact (a command, agent, hook, or an MCP file). */
  public static ArtifactTree singleFile(FileEntry entry) {
    return new ArtifactTree(index(java.util.List.of(entry)), true);
  }

  /**
   * This version with the given shape: a one-entry folder becomes a single file and back. The
   * content hash does not encode the shape, so callers that know the artifact's type restore it.
   */
  public ArtifactTree withShape(boolean single) {
    if (single == singleFile || (single && files.size() != 1)) {
      return this;
    }
    return new ArtifactTree(index(files.values()), single);
  }

  /** Builds a tree of the same shape as this one from other entries. */
  public ArtifactTree withFiles(Collection<FileEntry> entries) {
    if (singleFile && entries.size() != 1) {
      return folder(entries);
    }
    return new ArtifactTree(index(entries), singleFile);
  }

  private static Map<String, FileEntry> index(Collection<FileEntry> entries) {
    TreeMap<String, FileEntry> map = new TreeMap<>(ArtifactTree::comparePaths);
    for (FileEntry e : entries) {
      if (map.put(e.path(), e) != null) {
        throw new IllegalArgumentException("duplicate path in artifact tree: " + e.path());
      }
    }
    return map;
  }

  /** Orders paths by their UTF-8 bytes, as a POSIX sort does. */
  public static int comparePaths(String a, String b) {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.compareUnsigned(x, y);
  }

  /** Files keyed by path, in canonical order. */
  public Map<String, FileEntry> files() {
    return files;
  }

  public FileEntry file(String path) {
    return files.get(path);
  }

  public boolean isSingleFile() {
    return singleFile;
  }

  public boolean isEmpty() {
    return files.isEmpty();
  }

  public long totalSize() {
    long total = 0;
    for (FileEntry e : files.values()) {
      total += e.size();
    }
    return total;
  }

  /** The canonical content hash (hex sha256), computed once. */
  public String contentHash() {
    String h = contentHash;
    if (h == null) {
      h = computeHash(files.values());
      contentHash = h;
    }
    return h;
  }

  /** The canonical hash of a set of entries already in canonical order. */
  public static String computeHash(Collection<FileEntry> orderedEntries) {
    MessageDigest md = sha256();
    for (FileEntry e : orderedEntries) {
      md.update(e.path().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(e.sha256().getBytes(StandardCharsets.US_ASCII));
      md.update((byte) '\n');
    }
    return HexFormat.of().formatHex(md.digest());
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JVM spec", e);
    }
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  /** A tree's identity is its content hash plus its shape. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ArtifactTree t
        && singleFile == t.singleFile
        && contentHash().equals(t.contentHash());
  }

  @Override
  public int hashCode() {
    return contentHash().hashCode();
  }

  @Override
  public String toString() {
    return (singleFile ? "file" : "folder") + "@" + contentHash().substring(0, 12) + files.keySet();
  }
}
