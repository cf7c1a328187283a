package dev.tiersync.engine.browse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where to browse, read from a URL as a user pastes it: the repository to fetch, the ref the URL
 * names (null when it names none) and the folder it limits the listing to ({@code ""}: all).
 *
 * <p>Accepted: {@code https://}, {@code http://}, {@code ssh://}, {@code git://} and {@code
 * file://} URLs, the scp-like {@code user@host:path}, an absolute local path, and GitHub's tree URL
 * {@code https://github.com/<owner>/<repo>/tree/<ref>[/<path>]} (the repository is {@code
 * https://github.com/<owner>/<repo>.git}, spelled as {@code UpstreamSpec} spells it, so both share
 * one mirror). In a tree URL the ref is the one segment after {@code tree/}, unless the ref asked
 * for separately matches the segments there (a branch with a slash in its name).
 *
 * @param url the URL as given
 * @param repository the Git URL or path to fetch
 * @param ref the ref a tree URL names, else null
 * @param folder the folder a tree URL names, else {@code ""}
 */
public record UpstreamLocation(String url, String repository, String ref, String folder) {
  private static final Set<String> SCHEMES = Set.of("https", "http", "ssh", "git", "file");
  private static final Pattern SCP_LIKE = Pattern.compile("^[^@/\\s]+@[^/:\\s]+:[^\\s].*");

  /**
   * Reads {@code url}, with {@code ref} the ref asked for alongside it (null or blank: none).
   *
   * @throws InvalidUpstreamUrlException (field {@code url}) for anything else
   */
  public static UpstreamLocation parse(String url, String ref) {
    if (url == null || url.isBlank()) {
      throw invalid("url is required");
    }
    String u = url.strip();
    if (u.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
      throw invalid("url must not contain spaces or control characters");
    }
    if (u.contains("://")) {
      return fromUri(url, u, ref);
    }
    if (u.startsWith("/")) {
      return new UpstreamLocation(url, u, null, "");
    }
    if (SCP_LIKE.matcher(u).matches()) {
      return new UpstreamLocation(url, u, null, "");
    }
    throw invalid(
        "url must be an https://, ssh://, git:// or file:// URL, user@host:path, or an absolute"
            + " local path; got '"
            + u
            + "'");
  }

  private static UpstreamLocation fromUri(String url, String u, String ref) {
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      throw invalid("url is not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw invalid("url scheme must be https, http, ssh, git or file; got '" + scheme + "'");
    }
    if (scheme.equals("file")) {
      if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getHost() != null) {
        throw invalid("a file:// url must name an absolute local path, e.g. file:///srv/repo.git");
      }
      return new UpstreamLocation(url, u, null, "");
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().replace("/", "").isEmpty()) {
      throw invalid("url must name a host and a repository path");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    List<String> segments =
        Arrays.stream(uri.getPath().split("/")).filter(s -> !s.isEmpty()).toList();
    boolean gitHub = host.equals("github.com") || host.equals("www.github.com");
    if (gitHub && scheme.startsWith("http") && segments.size() >= 4 && segments.get(2).equals("tree")) {
      return gitHubTree(url, segments, ref);
    }
    return new UpstreamLocation(url, u, null, "");
  }

  private static UpstreamLocation gitHubTree(String url, List<String> segments, String ref) {
    String repository = "https://github.com/" + segments.get(0) + "/" + segments.get(1) + ".git";
    List<String> rest = segments.subList(3, segments.size());
    int refSegments = 1;
    if (ref != null && !ref.isBlank()) {
      List<String> asked = List.of(ref.strip().split("/"));
      if (rest.size() >= asked.size() && rest.subList(0, asked.size()).equals(asked)) {
        refSegments = asked.size();
      }
    }
    String folder = String.join("/", rest.subList(refSegments, rest.size()));
    if (rest.subList(refSegments, rest.size()).stream().anyMatch(s -> s.equals("..") || s.equals("."))) {
      throw invalid("url's path must not contain '.' or '..' segments");
    }
    return new UpstreamLocation(
        url, repository, String.join("/", rest.subList(0, refSegments)), folder);
  }

  /** The repository's name: its last path segment without {@code .git}. */
  public String repositoryName() {
    String r = repository;
    while (r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    String last = r.substring(Math.max(r.lastIndexOf('/'), r.lastIndexOf(':')) + 1);
    return last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
  }

  private static InvalidUpstreamUrlException invalid(String message) {
    return new InvalidUpstreamUrlException("url", message);
  }
}
