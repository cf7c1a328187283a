package dev.tiersync.engine.content;

/**
 * The paths no tier ever hashes, copies or diffs (SPEC section 2): {@code .git/}, {@code
 * __pycache__/}, {@code node_modules/}, {@code .venv/}, {@code .DS_Store} and editor temp files
 * ({@code *~}, {@code *.swp}), at any depth.
 */
public final class ExcludedPaths {
  private ExcludedPaths() {}

  /** Whether a folder with this name is skipped with everything below it. */
  public static boolean isExcludedFolder(String name) {
    return name.equals(".git")
        || name.equals("__pycache__")
        || name.equals("node_modules")
        || name.equals(".venv");
  }

  /** Whether a file with this name is skipped. */
  public static boolean isExcludedFile(String name) {
    return name.equals(".DS_Store") || name.endsWith("~") || name.endsWith(".swp");
  }

  /** Whether a relative POSIX path lies in an excluded folder or names an excluded file. */
  public static boolean isExcluded(String relativePath) {
    String[] parts = relativePath.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (isExcludedFolder(parts[i])) {
        return true;
      }
    }
    String last = parts[parts.length - 1];
    return isExcludedFolder(last) || isExcludedFile(last);
  }
}
