package dev.tiersync.engine.patch;

import dev.tiersync.engine.apply.SafePaths;
import dev.tiersync.engine.model.ArtifactId;

/**
 * Names of archive entries and branches derived from artifact names and paths. Every name is
 * relative, holds no {@code .} or {@code ..} segment, no backslash and no control character, so
 * that extracting a bundle can never write outside the folder it is extracted into.
 */
final class EntryNames {
  static final String MANIFEST = "manifest.json";
  static final String PATCHES = "patches/";
  static final String FILES = "files/";

  private EntryNames() {}

  /**
   * {@code <type>-<name>} with every character outside {@code [A-Za-z0-9._-]} replaced by {@code
   * _}. Artifact names never start with a dot nor hold {@code ..}, and no replacement makes a dot,
   * so the result is a safe file name and a valid Git ref component.
   */
  static String slug(ArtifactId id) {
    return id.type().id() + "-" + safeName(id.name());
  }

  /** An artifact name with every character outside {@code [A-Za-z0-9._-]} replaced by {@code _}. */
  static String safeName(String name) {
    StringBuilder b = new StringBuilder(name.length());
    name.codePoints()
        .forEach(
            c ->
                b.append(
                    c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')
                        ? (char) c
                        : '_'));
    return b.toString();
  }

  /**
   * Checks that {@code path} is a safe relative POSIX path and returns it.
   *
   * @throws IllegalArgumentException if it is absolute, empty, or holds an empty, {@code .} or
   *     {@code ..} segment, a backslash or a control character
   */
  static String requireSafe(String path) {
    try {
      SafePaths.requireRelative(path);
    } catch (SafePaths.UnsafePathException e) {
      throw new IllegalArgumentException("unsafe path for a bundle entry: '" + path + "'");
    }
    if (path.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("unsafe path for a bundle entry: '" + path + "'");
    }
    return path;
  }

  /**
   * Whether a symlink at {@code linkPath} (relative to the artifact root) pointing at {@code
   * target} stays inside the artifact: only such links are copied into the bundle.
   */
  static boolean linkStaysInside(String linkPath, String target) {
    if (target.isEmpty() || target.startsWith("/") || target.indexOf('\\') >= 0) {
      return false;
    }
    int depth = linkPath.split("/").length - 1;
    for (String segment : target.split("/")) {
      if (segment.equals("..")) {
        depth--;
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        depth++;
      }
      if (depth < 0) {
        return false;
      }
    }
    return true;
  }
}
