package dev.tiersync.engine.upstream;

import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.URIish;

/**
 * An upstream url as the caller gave it, which messages and exceptions name, and in the one
 * spelling that names its mirror, so that one remote has one mirror.
 *
 * @param url the url as given
 * @param normalized trimmed and without a trailing slash; a local path absolute and normalised
 */
record Remote(String url, String normalized) {
  private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/]+@)?[^/:]{2,}:.*");

  /**
   * @throws IllegalArgumentException if the url is blank or a malformed {@code scheme://} url
   */
  static Remote of(String url) {
    return new Remote(url, normalize(url));
  }

  private static String normalize(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("upstream url must not be blank");
    }
    String u = url.trim();
    while (u.length() > 1 && u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.contains("://")) {
      try {
        new URIish(u);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a valid git url: " + url, e);
      }
      return u;
    }
    Path local = null;
    try {
      local = Path.of(u);
    } catch (InvalidPathException ignored) {
      // Not a path on this system; it may still be an scp-like ssh address.
    }
    if (local != null && (Files.exists(local) || !SCP_LIKE.matcher(u).matches())) {
      return local.toAbsolutePath().normalize().toString();
    }
    return u;
  }

  /** The file-system path of a local url (a path or {@code file://}), else null. */
  Path localPath() {
    try {
      String u = url.trim();
      if (u.startsWith("file:")) {
        return Path.of(java.net.URI.create(u));
      }
      return u.contains("://") ? null : Path.of(u);
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      return null;
    }
  }
}
