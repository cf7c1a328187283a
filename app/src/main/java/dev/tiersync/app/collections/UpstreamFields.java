package dev.tiersync.app.collections;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.browse.InvalidUpstreamUrlException;
import dev.tiersync.engine.browse.UpstreamLocation;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.UpstreamSpec;
import java.util.regex.Pattern;

/**
 * The rules of the upstream fields a request may carry: a repository ({@code upstream}, read as
 * the browse route reads a URL), a ref ({@code ref}, {@code version_spec}) and a path inside the
 * repository.
 */
final class UpstreamFields {
  private static final Pattern REF = Pattern.compile("^[^\\s~^:?*\\[\\\\\\x00-\\x1f\\x7f]{1,255}$");

  private UpstreamFields() {}

  /**
   * Reads {@code upstream} as the browse route reads its {@code url} ({@link UpstreamLocation}),
   * with {@code ref} the ref asked for beside it.
   *
   * @throws ApiException 400 naming {@code field}
   */
  static UpstreamLocation upstream(String field, String value, String ref) {
    try {
      return UpstreamLocation.parse(value, ref);
    } catch (InvalidUpstreamUrlException e) {
      throw ApiException.badRequest(field, e.getMessage().replaceFirst("^url", field));
    }
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
