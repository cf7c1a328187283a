package dev.tiersync.app.collections;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.UpstreamSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the upstream fields a request may carry: a repository ({@code upstream}), a ref
 * ({@code ref}, {@code version_spec}) and a path inside the repository. A GitHub tree URL is taken
 * apart into its repository, ref and path, as {@link UpstreamSpec} reads it.
 */
final class UpstreamFields {
  private static final Set<String> SCHEMES = Set.of("https", "http", "ssh", "git", "file");
  /** {@code user@host:path}, Git's scp-like form of an ssh URL. */
  private static final Pattern SCP_LIKE = Pattern.compile("^[\\w.-]+@[\\w.-]+:[^/\\\\].*|^[\\w.-]+@[\\w.-]+:/.*");
  private static final Pattern REF = Pattern.compile("^[^\\s~^:?*\\[\\\\\\x00-\\x1f\\x7f]{1,255}$");

  private UpstreamFields() {}

  /** Where a request's upstream points: the repository, and what a GitHub tree URL said. */
  record Upstream(String repository, String ref, String path) {}

  /**
   * Checks {@code upstream} and splits a GitHub tree URL.
   *
   * @throws ApiException 400 naming {@code field}
   */
  static Upstream upstream(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest(field, field + " is required: a Git URL or an absolute path");
    }
    String v = value.trim();
    if (v.length() > 2048 || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw ApiException.badRequest(field, field + " must be at most 2048 characters, without control characters");
    }
    java.util.Optional<UpstreamSpec> tree = UpstreamSpec.ofGitHubTree(v);
    if (tree.isPresent()) {
      return new Upstream(tree.get().repository(), tree.get().ref(), tree.get().path());
    }
    if (SCP_LIKE.matcher(v).matches()) {
      return new Upstream(v, null, "");
    }
    if (v.startsWith("/")) {
      return new Upstream(Path.of(v).normalize().toString(), null, "");
    }
    try {
      URI uri = new URI(v);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (SCHEMES.contains(scheme) && (scheme.equals("file") || uri.getHost() != null)) {
        return new Upstream(v, null, "");
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw ApiException.badRequest(
        field,
        field + " must be an https://, ssh://, git:// or file:// URL, user@host:path, or an absolute"
            + " path; got '" + v + "'");
  }

  /**
   * A branch, tag or commit as Git allows it (no blanks, {@code ~ ^ : ? * [ \}, control
   * characters, no leading {@code -}); null or blank is {@code fallback}.
   */
  static String ref(String field, String value, String fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.trim();
    if (!REF.matcher(v).matches() || v.startsWith("-") || v.contains("..")) {
      throw ApiException.badRequest(
          field, field + " must be a branch, tag or commit name (1-255 characters, no blanks,"
              + " '..', '~', '^', ':', '?', '*', '[' or '\\', not starting with '-'); got '" + v + "'");
    }
    return v;
  }

  /** A path inside the repository: relative, staying inside it; {@code ""} for its root. */
  static String repositoryPath(String field, String value) {
    try {
      return UpstreamSpec.repositoryPath(value, field);
    } catch (InvalidTierFileException e) {
      throw ApiException.badRequest(field, field + ": " + e.reason());
    }
  }
}
