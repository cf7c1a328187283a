package dev.tiersync.engine.model;

import java.util.regex.Pattern;

/**
 * Where a project is: a path on the server, or {@code host:path} on a host whose agent serves it
 * (docs/agents.md). A host id follows the rule of instance ids (1 to 64 letters, digits, {@code
 * .}, {@code _} or {@code -}, starting with a letter or digit), so it holds no {@code :} and the
 * first {@code :} splits the two. A single letter before the {@code :} is a Windows drive letter,
 * never a host. Pure and deterministic: workflows route by it.
 *
 * @param host the host id, or null for a project on the server
 * @param path the project's path on its machine
 */
public record ProjectAddress(String host, String path) {
  private static final Pattern HOSTED = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{1,63}):(.+)");

  /** Splits {@code raw}; null stays null. */
  public static ProjectAddress parse(String raw) {
    if (raw == null) {
      return null;
    }
    var m = HOSTED.matcher(raw);
    if (m.matches()) {
      return new ProjectAddress(m.group(1), m.group(2));
    }
    return new ProjectAddress(null, raw);
  }

  /** The host of {@code raw}, or null for a project on the server (or no project). */
  public static String hostOf(String raw) {
    ProjectAddress a = parse(raw);
    return a == null ? null : a.host();
  }

  public boolean onHost() {
    return host != null;
  }

  @Override
  public String toString() {
    return host == null ? path : host + ":" + path;
  }
}
