package dev.tiersync.engine.tier;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an artifact lives upstream: a Git repository, the ref to follow (null for the remote's
 * default branch) and the artifact's path inside the repository ({@code ""} for its root).
 *
 * <p>An entry's {@code upstream} is read in one of two ways:
 *
 * <ul>
 *   <li>a GitHub tree URL, {@code https://github.com/<owner>/<repo>/tree/<ref>/<path>}, as
 *       SkillMeat writes it: the repository is {@code https://github.com/<owner>/<repo>.git} and
 *       the path comes from the URL. SkillMeat puts the commit it resolved in the URL and the ref
 *       it follows in {@code version_spec}, so {@code version_spec} wins when present; the ref in
 *       the URL is used only without it. The ref is the one segment after {@code tree/}: a branch
 *       whose name has a slash must be given in {@code version_spec}.
 *   <li>any other Git URL or local path: the path comes from {@code upstream_path}.
 * </ul>
 *
 * {@code version_spec = "latest"} or no ref at all means the remote's default branch.
 */
public record UpstreamSpec(String repository, String ref, String path) {
  /** The {@code version_spec} that means "the remote's default branch". */
  public static final String LATEST = "latest";

  public UpstreamSpec {
    if (repository == null || repository.isBlank()) {
      throw new InvalidTierFileException("upstream", "a repository URL or path is required");
    }
    path = TierValues.relativePath(path, "upstream_path");
  }

  /** The upstream of a manifest entry; empty when it has none (a local artifact). */
  public static Optional<UpstreamSpec> of(ManifestArtifact entry) {
    String upstream = entry.upstream();
    if (upstream == null || upstream.isBlank()) {
      return Optional.empty();
    }
    Optional<UpstreamSpec> gitHub = gitHubTree(upstream.trim(), entry.versionSpec());
    if (gitHub.isPresent()) {
      return gitHub;
    }
    if (entry.upstreamPath() == null) {
      throw new InvalidTierFileException(
          "upstream_path",
          "is required when upstream is not a GitHub tree URL ('" + upstream + "')");
    }
    return Optional.of(
        new UpstreamSpec(upstream, followedRef(entry.versionSpec()), entry.upstreamPath()));
  }

  /**
   * A path inside a repository, normalised ({@code ""} for its root).
   *
   * @throws InvalidTierFileException naming {@code field} when it is absolute or leaves the
   *     repository
   */
  public static String repositoryPath(String path, String field) {
    return TierValues.relativePath(path == null ? "" : path, field);
  }

  /**
   * The GitHub tree URL SkillMeat writes for a path of a GitHub repository ({@code
   * https://github.com/<owner>/<repo>[.git]}); empty for a repository elsewhere. The ref segment is
   * the followed ref ({@code HEAD} for {@code latest}); {@code version_spec} wins over it anyway.
   */
  public static Optional<String> gitHubTreeUrl(String repository, String versionSpec, String path) {
    URI uri;
    try {
      uri = new URI(repository.trim());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String host = String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT);
    if (!"https".equalsIgnoreCase(uri.getScheme())
        || !(host.equals("github.com") || host.equals("www.github.com"))
        || uri.getPath() == null) {
      return Optional.empty();
    }
    List<String> segments =
        Arrays.stream(uri.getPath().split("/")).filter(s -> !s.isEmpty()).toList();
    if (segments.size() != 2) {
      return Optional.empty();
    }
    String repo = segments.get(1).replaceFirst("\\.git$", "");
    String ref = followedRef(versionSpec);
    String clean = TierValues.relativePath(path, "upstream_path");
    return Optional.of(
        "https://github.com/" + segments.get(0) + "/" + repo + "/tree/"
            + (ref == null ? "HEAD" : ref) + (clean.isEmpty() ? "" : "/" + clean));
  }

  /** Parses {@code https://github.com/<owner>/<repo>/tree/<ref>[/<path>]}; empty for other URLs. */
  private static Optional<UpstreamSpec> gitHubTree(String upstream, String versionSpec) {
    URI uri;
    try {
      uri = new URI(upstream);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    String host = String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http"))
        || !(host.equals("github.com") || host.equals("www.github.com"))
        || uri.getPath() == null) {
      return Optional.empty();
    }
    List<String> segments =
        Arrays.stream(uri.getPath().split("/")).filter(s -> !s.isEmpty()).toList();
    if (segments.size() < 4 || !segments.get(2).equals("tree")) {
      return Optional.empty();
    }
    String repository = "https://github.com/" + segments.get(0) + "/" + segments.get(1) + ".git";
    String ref = versionSpec == null ? segments.get(3) : followedRef(versionSpec);
    String path =
        TierValues.relativePath(String.join("/", segments.subList(4, segments.size())), "upstream");
    return Optional.of(new UpstreamSpec(repository, ref, path));
  }

  /** The ref a {@code version_spec} asks for; null for the remote's default branch. */
  private static String followedRef(String versionSpec) {
    return versionSpec == null || versionSpec.isBlank() || versionSpec.equals(LATEST)
        ? null
        : versionSpec;
  }
}
