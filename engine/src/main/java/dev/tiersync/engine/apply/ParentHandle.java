package dev.tiersync.engine.apply;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * An open descriptor of the target's parent folder ({@link SecureDirectoryStream}, where the
 * platform has one). Names resolved through it stay right when the folder itself is moved or
 * renamed, which paths do not.
 */
final class ParentHandle {
  private final SecureDirectoryStream<Path> dir;

  private ParentHandle(SecureDirectoryStream<Path> dir) {
    this.dir = dir;
  }

  static ParentHandle open(Path parent) throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(parent);
    if (stream instanceof SecureDirectoryStream<Path> secure) {
      return new ParentHandle(secure);
    }
    stream.close();
    return new ParentHandle(null);
  }

  /**
   * Removes the staging folder if it is still there (it is not after a successful swap) and,
   * after a failed write, puts an old version left aside back under the target's name; then
   * closes the handle. A failure here is added to the write's own, or thrown when there is none.
   */
  void cleanUp(Path targetName, Path asideName, Path staging, boolean written) throws IOException {
    if (dir == null) {
      return;
    }
    try (dir) {
      if (staging != null) {
        deleteThrough(dir, staging.getFileName());
      }
      if (!written && exists(dir, asideName) && !exists(dir, targetName)) {
        dir.move(asideName, dir, targetName);
      }
    }
  }

  private static boolean exists(SecureDirectoryStream<Path> dir, Path name) throws IOException {
    return attributes(dir, name) != null;
  }

  private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name)
      throws IOException {
    try {
      return dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Deletes {@code name} inside {@code dir}, a folder with everything in it, never following links. */
  private static void deleteThrough(SecureDirectoryStream<Path> dir, Path name) throws IOException {
    BasicFileAttributes attrs = attributes(dir, name);
    if (attrs == null) {
      return;
    }
    if (attrs.isDirectory()) {
      List<Path> children = new ArrayList<>();
      try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
        for (Path child : sub) {
          children.add(child.getFileName());
        }
        for (Path child : children) {
          deleteThrough(sub, child);
        }
      }
      dir.deleteDirectory(name);
    } else {
      dir.deleteFile(name);
    }
  }
}
