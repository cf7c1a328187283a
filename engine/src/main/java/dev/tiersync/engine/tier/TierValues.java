package dev.tiersync.engine.tier;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import java.util.Optional;
import java.util.Set;

/** Validation of the values the tier files hold: artifact names and types, relative paths. */
final class TierValues {
  /**
   * The other types SkillMeat 0.74 knows ({@code skillmeat.core.artifact_detection.ArtifactType}).
   * Entries of these types are kept in the files untouched but tiersync does not manage them; any
   * other unknown type is an error, so that a typo does not hide an artifact.
   */
  private static final Set<String> OTHER_SKILLMEAT_TYPES =
      Set.of(
          "workflow",
          "composite",
          "context_module",
          "template",
          "group",
          "deployment_set",
          "context_pack",
          "bundle",
          "reviewer_role",
          "council",
          "orchestration",
          "soul",
          "project_config",
          "spec_file",
          "rule_file",
          "context_file",
          "progress_template");

  private TierValues() {}

  /** The type named by {@code value}; empty for a SkillMeat type tiersync does not manage. */
  static Optional<ArtifactType> type(String value, String field) {
    if (value == null) {
      throw new InvalidTierFileException(field, "artifact type is required");
    }
    Optional<ArtifactType> type = ArtifactType.fromId(value);
    if (type.isEmpty() && !OTHER_SKILLMEAT_TYPES.contains(value)) {
      throw new InvalidTierFileException(
          field,
          "unknown artifact type '" + value + "' (expected skill, command, agent, hook or mcp)");
    }
    return type;
  }

  /** The file name suffix of a single-file type ({@code .md}), or {@code ""}. */
  static String fileSuffix(ArtifactType type) {
    return type.relativePath("").substring(type.container().length() + 1);
  }

  /** Requires a non-null value. */
  static <T> T required(T value, String field) {
    if (value == null) {
      throw new InvalidTierFileException(field, "is required");
    }
    return value;
  }

  /** The id of an artifact, with a bad name reported against {@code field}. */
  static ArtifactId id(ArtifactType type, String name, String field) {
    try {
      return new ArtifactId(required(type, "type"), required(name, field));
    } catch (InvalidArtifactIdException e) {
      throw new InvalidTierFileException(field, e.getMessage());
    }
  }

  /**
   * The id a table names by its type and name values, read leniently; empty when either is
   * missing, not a string, or not valid.
   */
  static Optional<ArtifactId> rawId(
      Object type, Object name, java.util.function.BiFunction<String, ArtifactType, String> normalise) {
    if (!(type instanceof String t) || !(name instanceof String n)) {
      return Optional.empty();
    }
    return ArtifactType.fromId(t)
        .flatMap(
            at -> {
              try {
                return Optional.of(new ArtifactId(at, normalise.apply(n, at)));
              } catch (InvalidArtifactIdException e) {
                return Optional.empty();
              }
            });
  }

  /**
   * Checks a relative POSIX path that must stay inside its root (a collection, a project's {@code
   * .claude/}, a repository) and returns it without {@code ./} segments or a trailing slash; the
   * root itself is {@code ""}.
   */
  static String relativePath(String value, String field) {
    required(value, field);
    if (value.startsWith("/") || value.indexOf('\\') >= 0 || value.matches("^[A-Za-z]:.*")) {
      throw new InvalidTierFileException(
          field, "must be a relative path with '/' separators, got '" + value + "'");
    }
    StringBuilder normal = new StringBuilder();
    for (String segment : value.split("/")) {
      if (segment.equals("..")) {
        throw new InvalidTierFileException(
            field, "must not leave its root ('..'), got '" + value + "'");
      }
      if (segment.indexOf('\0') >= 0) {
        throw new InvalidTierFileException(field, "must not contain NUL");
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        normal.append(normal.length() == 0 ? "" : "/").append(segment);
      }
    }
    return normal.toString();
  }
}
