package dev.tiersync.engine.tier;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the projects under the allowed project roots: folders holding a {@code .claude/} folder. The
 * search is shallow and bounded because the default root is the user's home folder: it looks
 * {@value #MAX_DEPTH} levels deep, skips hidden folders and dependency caches, does not descend
 * into a project, and stops after {@value #MAX_PROJECTS} projects. The server's workspace and fleet
 * views use it on the server's roots; a host agent uses it on its own.
 */
public final class ProjectFinder {
  static final int MAX_DEPTH = 3;
  static final int MAX_PROJECTS = 100;

  private static final Set<String> SKIPPED = Set.of("node_modules", "target", "build", "dist", "venv");

  private final List<Path> roots;

  public ProjectFinder(List<Path> roots) {
    this.roots = roots;
  }

  /** The projects found, as real paths (the form the API accepts), in root then path order. */
  public List<Path> find() {
    List<Path> found = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      List<Path> inRoot = new ArrayList<>();
      try {
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (found.size() + inRoot.size() >= MAX_PROJECTS) {
              return FileVisitResult.TERMINATE;
            }
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!dir.equals(root) && (name.startsWith(".") || SKIPPED.contains(name))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (Files.isDirectory(dir.resolve(ProjectLayout.CLAUDE_DIR))) {
              inRoot.add(dir);
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            // An unreadable folder is not a project; the search goes on.
            return FileVisitResult.CONTINUE;
          }
        });
      } catch (IOException e) {
        continue;
      }
      inRoot.sort(null);
      for (Path p : inRoot) {
        Path real = real(p);
        if (!found.contains(real)) {
          found.add(real);
        }
      }
    }
    return found;
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
