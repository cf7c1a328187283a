package dev.tiersync.app.artifacts;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.Tier;
import dev.tiersync.engine.sync.TierScope;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.web.util.UriUtils;

/**
 * A validated request for the diff of two versions of an artifact, and the download links that name
 * those same versions again.
 *
 * @param lhsPin null to read the left-hand tier now; otherwise the content hash of the version to
 *     use (from the history store), or {@link #ABSENT}. Download links carry pins so that they
 *     serve exactly the versions the diff showed, even after a tier moved on.
 * @param rhsPin likewise for the right-hand side
 */
record DiffRequest(
    ArtifactId id, Tier lhs, Tier rhs, TierScope scope, String lhsPin, String rhsPin) {
  /** The pin of a version that is absent from its tier. */
  static final String ABSENT = "none";

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  /** Parses the tier names and pins; a bad value is a 400 naming its query parameter. */
  static Tier tier(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest(
          field, field + " is required: upstream, collection, project or base");
    }
    return Tier.fromLabel(value)
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    field,
                    field + " must be upstream, collection, project or base, got '" + value + "'"));
  }

  /** Checks that a pair naming the project came with a project path. */
  static void requireProject(Tier lhs, Tier rhs, String projectPath) {
    if ((lhs == Tier.PROJECT || rhs == Tier.PROJECT)
        && (projectPath == null || projectPath.isBlank())) {
      throw ApiException.badRequest(
          "project_path", "project_path is required to diff the project tier");
    }
  }

  static String pin(String value, String field) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!v.equals(ABSENT) && !HASH.matcher(v).matches()) {
      throw ApiException.badRequest(field, field + " must be a 64-digit content hash or 'none'");
    }
    return v;
  }

  /** Whether {@code base} means the collection→project base (else the upstream→collection one). */
  boolean projectBase() {
    return scope.hasProject();
  }

  /** The full patch of these versions. */
  String downloadUrl(String lhsHash, String rhsHash) {
    return url(lhsHash, rhsHash, Map.of());
  }

  /** One file's bytes on one side ({@code lhs} or {@code rhs}) of these versions. */
  String fileUrl(String lhsHash, String rhsHash, String path, String side) {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("path", path);
    if (!side.equals("rhs")) {
      extra.put("side", side);
    }
    return url(lhsHash, rhsHash, extra);
  }

  private String url(String lhsHash, String rhsHash, Map<String, String> extra) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("lhs", lhs.label());
    query.put("rhs", rhs.label());
    query.put("collection", scope.collection().name());
    if (scope.hasProject()) {
      query.put("project_path", scope.project().projectDir().toString());
    }
    query.put("lhs_hash", lhsHash == null ? ABSENT : lhsHash);
    query.put("rhs_hash", rhsHash == null ? ABSENT : rhsHash);
    query.putAll(extra);
    return "/api/v1/artifacts/"
        + encode(id.toString())
        + "/diff/download?"
        + query.entrySet().stream()
            .map(e -> e.getKey() + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return UriUtils.encode(value, StandardCharsets.UTF_8);
  }
}
