package dev.tiersync.engine.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
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
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    BasicFileAttributes attrs =
        Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attrs.isDirectory()) {
      return Optional.of(ArtifactTree.folder(walk(root)));
    }
    String name = root.getFileName().toString();
    return Optional.of(ArtifactTree.singleFile(entry(root, name, attrs)));
  }

  private List<FileEntry> walk(Path root) throws IOException {
    List<FileEntry> out = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
            if (!dir.equals(root) && ExcludedPaths.isExcludedFolder(dir.getFileName().toString())) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
            String name = file.getFileName().toString();
            if (ExcludedPaths.isExcludedFile(name) || ExcludedPaths.isExcludedFolder(name)) {
              return FileVisitResult.CONTINUE;
            }
            String rel = toPosix(root.relativize(file));
            out.add(entry(file, rel, a));
            return FileVisitResult.CONTINUE;
          }
        });
    return out;
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
    FileMode mode = isExecutable(file) ? FileMode.EXECUTABLE : FileMode.REGULAR;
    return new FileEntry(
        rel, mode, attrs.size(), digest, () -> Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS));
  }

  private static boolean isExecutable(Path file) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return false;
    }
    return view.readAttributes().permissions().contains(PosixFilePermission.OWNER_EXECUTE);
  }

  static String toPosix(Path rel) {
    StringBuilder b = new StringBuilder();
    for (Path part : rel) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(part.toString());
    }
    return b.toString();
  }
}
