package dev.tiersync.engine.apply;

import java.io.IOException;
import java.nio.file.Path;

/** Guards that keep every write inside the artifact being written. */
public final class SafePaths {
  private SafePaths() {}

  /** Thrown when a relative path or link would reach outside its artifact. */
  public static final class UnsafePathException extends IOException {
    public UnsafePathException(String message) {
      super(message);
    }
  }

  /**
   * Refuses anything but a plain POSIX relative path: no leading {@code /}, no empty, {@code .} or
   * {@code ..} segment, no backslash (a separator on Windows, where an archive may be unpacked) and
   * no NUL.
   */
  public static void requireRelative(String relative) throws UnsafePathException {
    if (relative.isEmpty()
        || relative.startsWith("/")
        || relative.contains("\\")
        || relative.indexOf('\0') >= 0) {
      throw new UnsafePathException("unsafe path in artifact: '" + relative + "'");
    }
    for (String seg : relative.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
        throw new UnsafePathException("unsafe path in artifact: '" + relative + "'");
      }
    }
  }

  /** Resolves a POSIX relative path under {@code root}, refusing absolute paths and escapes. */
  public static Path resolveInside(Path root, String relative) throws UnsafePathException {
    requireRelative(relative);
    Path p = root.resolve(relative).normalize();
    if (!p.startsWith(root.normalize())) {
      throw new UnsafePathException("path escapes the artifact: '" + relative + "'");
    }
    return p;
  }

  /** Refuses a symlink whose target is absolute or resolves outside the artifact root. */
  public static void checkSymlink(Path artifactRoot, Path link, String target)
      throws UnsafePathException {
    Path t = Path.of(target);
    if (t.isAbsolute()) {
      throw new UnsafePathException("symlink " + link.getFileName() + " points to an absolute path");
    }
    Path resolved = link.getParent().resolve(t).normalize();
    if (!resolved.startsWith(artifactRoot.normalize()) || resolved.equals(link.normalize())) {
      throw new UnsafePathException(
          "symlink " + link.getFileName() + " points outside its artifact: " + target);
    }
  }
}
