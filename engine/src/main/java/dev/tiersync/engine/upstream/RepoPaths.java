package dev.tiersync.engine.upstream;

/** Checks and normalises paths inside an upstream repository before they reach a tree walk. */
final class RepoPaths {
  private RepoPaths() {}

  /**
   * The path with {@code /} separators, no empty or {@code .} segments and no trailing slash; the
   * empty string is the root (also for null).
   *
   * @throws UpstreamRefNotFoundException if the path is absolute, uses {@code \}, or holds a
   *     {@code ..} segment
   */
  static String clean(String url, String ref, String path) {
    if (path == null) {
      return "";
    }
    String p = path.trim();
    if (p.startsWith("/")
        || p.matches("^[A-Za-z]:.*")
        || p.indexOf('\\') >= 0
        || p.indexOf('\0') >= 0) {
      throw new UpstreamRefNotFoundException(
          url, ref, path, "path '" + path + "' must be relative to the repository root, with '/'");
    }
    StringBuilder b = new StringBuilder();
    for (String segment : p.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw new UpstreamRefNotFoundException(
            url, ref, path, "path '" + path + "' must not contain '..'");
      }
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(segment);
    }
    return b.toString();
  }
}
