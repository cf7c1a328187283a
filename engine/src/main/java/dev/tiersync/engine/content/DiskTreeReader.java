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
import java.util.Optional;

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
   * single-file tree. Returns empty when nothing is there.
   */
  public Optional<ArtifactTree> read(Path root) throws IOException {
    BasicFileAttributes attrs;
    try {
      attrs = attributes(root);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (attrs.isDirectory()) {
      return Optional.of(ArtifactTree.folder(walk(root)));
    }
    String name = root.getFileName().toString();
    return Optional.of(ArtifactTree.singleFile(entry(root, name, attrs)));
  }

  private List<FileEntry> walk(Path root) throws IOException {
    List<FileEntry> out = new ArrayList<>();
    walk(root, "", out);
    return out;
  }

  /**
   * Lists a folder depth first with one {@code lstat} per entry: {@code Files.walkFileTree} hands
   * out basic attributes only, and the executable bit then cost every file a second {@code stat}.
   * The relative path is built as the walk descends ({@code prefix}: the folder's, with its
   * trailing slash), not by relativizing each file against the root.
   */
  private void walk(Path dir, String prefix, List<FileEntry> out) throws IOException {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        BasicFileAttributes a = attributes(child);
        if (a.isDirectory()) {
          if (!ExcludedPaths.isExcludedFolder(name)) {
            walk(child, prefix + name + "/", out);
          }
        } else if (!ExcludedPaths.isExcludedFile(name) && !ExcludedPaths.isExcludedFolder(name)) {
          out.add(entry(child, prefix + name, a));
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

  private FileEntry entry(Path file, String rel, BasicFileAttributes attrs) throws IOException {
    if (attrs.isSymbolicLink()) {
      byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
      return new FileEntry(
          rel,
          FileMode.SYMLINK,
          target.length,
          ArtifactTree.sha256Hex(target),
          () -> new ByteArrayInputStream(target));
    }
    if (!attrs.isRegularFile()) {
      throw new IOException("not a regular file, folder or symlink: " + rel);
    }
    String digest = cache.sha256(file, attrs);
    FileMode mode = isExecutable(attrs) ? FileMode.EXECUTABLE : FileMode.REGULAR;
    return new FileEntry(
        rel, mode, attrs.size(), digest, () -> Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS));
  }

  /** Whether the owner may execute the file; never on a file system without POSIX permissions. */
  private static boolean isExecutable(BasicFileAttributes attrs) {
    return attrs instanceof PosixFileAttributes posix
        && posix.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
  }
}
