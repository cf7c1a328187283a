package dev.tiersync.engine.content;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One file of an artifact version.
 *
 * <p>{@code path} is POSIX-relative to the artifact root (for a single-file artifact it is the
 * file name). {@code sha256} is the hex digest of the bytes, or of the link target string for a
 * symlink. Two entries are equal when path, mode and digest are equal; the loader is not compared.
 */
public final class FileEntry {
  private final String path;
  private final FileMode mode;
  private final long size;
  private final String sha256;
  private final ContentLoader loader;

  public FileEntry(String path, FileMode mode, long size, String sha256, ContentLoader loader) {
    this.path = Objects.requireNonNull(path, "path");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.size = size;
    this.sha256 = Objects.requireNonNull(sha256, "sha256");
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  public String path() {
    return path;
  }

  public FileMode mode() {
    return mode;
  }

  public long size() {
    return size;
  }

  public String sha256() {
    return sha256;
  }

  /** The file's bytes; for a symlink, the UTF-8 bytes of its target. */
  public byte[] readAll() throws IOException {
    return loader.readAll();
  }

  public InputStream open() throws IOException {
    return loader.open();
  }

  public ContentLoader loader() {
    return loader;
  }

  /** Same content and mode, regardless of path. */
  public boolean sameContent(FileEntry other) {
    return other != null && mode == other.mode && sha256.equals(other.sha256);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileEntry e
        && path.equals(e.path)
        && mode == e.mode
        && sha256.equals(e.sha256);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, mode, sha256);
  }

  @Override
  public String toString() {
    return path + " " + mode + " " + sha256.substring(0, Math.min(12, sha256.length()));
  }
}
