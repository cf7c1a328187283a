package dev.tiersync.engine.content;

import java.util.Optional;

/**
 * The one mapping between tiersync's {@link FileMode} and Git's tree-entry modes: {@code 100644}
 * regular, {@code 100755} executable, {@code 120000} symlink. Everything that reads or writes Git
 * trees (the upstream mirrors, the history store, patches) goes through it.
 */
public final class GitFileModes {
  private GitFileModes() {}

  /** The Git mode a file of this mode is stored with. */
  public static org.eclipse.jgit.lib.FileMode toGit(FileMode mode) {
    return switch (mode) {
      case REGULAR -> org.eclipse.jgit.lib.FileMode.REGULAR_FILE;
      case EXECUTABLE -> org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE;
      case SYMLINK -> org.eclipse.jgit.lib.FileMode.SYMLINK;
    };
  }

  /**
   * The mode of a file stored with this Git mode; empty for an entry that is no file of its own: a
   * tree, or a submodule (gitlink), whose content lives in another repository.
   */
  public static Optional<FileMode> fromGit(org.eclipse.jgit.lib.FileMode mode) {
    if (mode == org.eclipse.jgit.lib.FileMode.REGULAR_FILE) {
      return Optional.of(FileMode.REGULAR);
    }
    if (mode == org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE) {
      return Optional.of(FileMode.EXECUTABLE);
    }
    if (mode == org.eclipse.jgit.lib.FileMode.SYMLINK) {
      return Optional.of(FileMode.SYMLINK);
    }
    return Optional.empty();
  }

  /** The mode as Git spells it in patches and tree listings, e.g. {@code 100644}. */
  public static String octal(FileMode mode) {
    return Integer.toOctalString(toGit(mode).getBits());
  }
}
