package dev.tiersync.engine.patch;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub compare links for a pushed branch. Built from the repository url alone: no network, and
 * tiersync never pushes (the user pushes the suggested branch, then follows the link).
 */
final class GitHubLinks {
  private static final String SEGMENT = "([A-Za-z0-9_.-]+)";
  private static final Pattern URL_FORM =
      Pattern.compile(
          "(?i:https?|ssh|git)://(?:[^@/]+@)?(?i:www\\.)?(?i:github\\.com)(?::\\d+)?/"
              + SEGMENT
              + "/"
              + SEGMENT
              + "/?");
  private static final Pattern SCP_FORM =
      Pattern.compile("(?:[^@/]+@)?(?i:github\\.com):/?" + SEGMENT + "/" + SEGMENT + "/?");

  private GitHubLinks() {}

  /** {@code owner/repo} when {@code url} is a github.com repository; empty otherwise. */
  static Optional<String> repository(String url) {
    if (url == null) {
      return Optional.empty();
    }
    String u = url.trim();
    Matcher m = URL_FORM.matcher(u);
    if (!m.matches()) {
      m = SCP_FORM.matcher(u);
      if (!m.matches()) {
        return Optional.empty();
      }
    }
    String repo = m.group(2);
    if (repo.endsWith(".git")) {
      repo = repo.substring(0, repo.length() - 4);
    }
    if (repo.isEmpty() || repo.equals(".") || repo.equals("..")) {
      return Optional.empty();
    }
    return Optional.of(m.group(1) + "/" + repo);
  }

  /** {@code https://github.com/<owner/repo>/compare/<base>...<branch>?expand=1}. */
  static String compareUrl(String ownerRepo, String base, String branch) {
    return "https://github.com/"
        + ownerRepo
        + "/compare/"
        + encode(base)
        + "..."
        + encode(branch)
        + "?expand=1";
  }

  /**
   * Percent-encodes everything but unreserved characters and {@code /} (refs keep their slashes).
   */
  private static String encode(String ref) {
    StringBuilder b = new StringBuilder();
    for (byte x : ref.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/') {
        b.append((char) c);
      } else {
        b.append('%').append(String.format("%02X", c));
      }
    }
    return b.toString();
  }
}
