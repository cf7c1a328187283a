package dev.tiersync.engine.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads an artifact version from disk (a collection or a project tier) without following
 * symlinks: a link becomes a {@link FileMode#SYMLINK} entry whose content is its target string.
 */
public final class DiskTreeReader {
  private final HashCache cache;

  public DiskTreeReader(HashCache cache) {
    this.cache = cache;
  }

  /**
   * Reads the artifact at {@code root}: a folder becomes a folder tree, a regular file a
   * single-file tree. Returns empty when nothing is there. Every entry is {@code lstat}ed; when all
   * are as the last read saw them, that read's tree is the answer ({@link HashCache}).
   */
  public Optional<ArtifactTree> read(Path root) throws IOException {
    BasicFileAttributes attrs;
    try {
      attrs = attributes(root);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Path key = root.toAbsolutePath();
    boolean single = !attrs.isDirectory();
    List<Seen> seen = new ArrayList<>();
    if (single) {
      seen.add(new Seen(root, stat(root, root.getFileName().toString(), attrs)));
    } else {
      walk(root, "", seen);
    }
    List<HashCache.FileStat> stats = new ArrayList<>(seen.size());
    for (Seen s : seen) {
      stats.add(s.stat());
    }
    ArtifactTree known = cache.unchanged(key, stats, single);
    if (known != null) {
      return Optional.of(known);
    }
    Map<String, String> digests = cache.unchangedDigests(key, stats);
    List<FileEntry> entries = new ArrayList<>(seen.size());
    int hashed = 0;
    for (Seen s : seen) {
      String digest = digests.get(s.stat().path());
      if (digest == null) {
        hashed++;
      }
      entries.add(entry(s, digest));
    }
    ArtifactTree tree = single ? ArtifactTree.singleFile(entries.get(0)) : ArtifactTree.folder(entries);
    cache.remember(key, stats, tree, hashed);
    return Optional.of(tree);
  }

  /** An entry the walk found: its file and what its {@code lstat} said. */
  private record Seen(Path file, HashCache.FileStat stat) {}

  /**
   * Lists a folder depth first with one {@code lstat} per entry: {@code Files.walkFileTree} hands
   * out basic attributes only, and the executable bit then cost every file a second {@code stat}.
   * The relative path is built as the walk descends ({@code prefix}: the folder's, with its
   * trailing slash), not by relativizing each file against the root.
   */
  private void walk(Path dir, String prefix, List<Seen> out) throws IOException {
    String separator = dir.getFileSystem().getSeparator();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        // Cut from the child's string: getFileName() splits the whole path and copies it per file.
        String path = child.toString();
        String name = path.substring(path.lastIndexOf(separator) + 1);
        BasicFileAttributes a = attributes(child);
        if (a.isDirectory()) {
          if (!ExcludedPaths.isExcludedFolder(name)) {
            walk(child, prefix + name + "/", out);
          }
        } else if (!ExcludedPaths.isExcludedFile(name) && !ExcludedPaths.isExcludedFolder(name)) {
          out.add(new Seen(child, stat(child, prefix + name, a)));
        }
      }
    }
  }

  /** The entry's own attributes (a link is not followed), POSIX ones where the file system has them. */
  private static BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException e) {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }
  }

  private static HashCache.FileStat stat(Path file, String rel, BasicFileAttributes attrs)
      throws IOException {
    if (!attrs.isSymbolicLink() && !attrs.isRegularFile()) {
      throw new IOException("not a regular file, folder or symlink: " + rel);
    }
    return new HashCache.FileStat(
        rel,
        attrs.size(),
        attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
        inode(file, attrs),
        isExecutable(attrs),
        attrs.isSymbolicLink());
  }

  /**
   * The entry for a file the walk found, with its digest when the cache knows it is unchanged
   * ({@code digest}), else read from the file (or the link's target).
   */
  private static FileEntry entry(Seen seen, String digest) throws IOException {
    Path file = seen.file();
    HashCache.FileStat stat = seen.stat();
    if (stat.link()) {
      byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
      return new FileEntry(
          stat.path(),
          FileMode.SYMLINK,
          target.length,
          digest != null ? digest : ArtifactTree.sha256Hex(target),
          () -> new ByteArrayInputStream(target));
    }
    FileMode mode = stat.executable() ? FileMode.EXECUTABLE : FileMode.REGULAR;
    return new FileEntry(
        stat.path(),
        mode,
        stat.size(),
        digest != null ? digest : HashCache.digest(file),
        () -> Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS));
  }

  /** The file key (device and inode), read on its own where the attributes do not carry it. */
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

  /** Whether the owner may execute the file; never on a file system without POSIX permissions. */
  private static boolean isExecutable(BasicFileAttributes attrs) {
    return attrs instanceof PosixFileAttributes posix
        && posix.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
  }
}
