package dev.tiersync.engine.model;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An artifact's identity, written {@code type:name} (e.g. {@code skill:pdf-tools}).
 *
 * <p>Names are validated once, here, at the boundary: no {@code /}, {@code \}, {@code ..}, no
 * leading {@code .}, no NUL or other control characters, at most {@value #MAX_NAME_LENGTH}
 * characters. Everything past this constructor may treat the name as a safe single path segment.
 */
public record ArtifactId(ArtifactType type, String name) implements Comparable<ArtifactId> {
  public static final int MAX_NAME_LENGTH = 128;

  public ArtifactId {
    if (type == null) {
      throw new InvalidArtifactIdException("artifact_id", "artifact type is required");
    }
    validateName(name);
  }

  /** Parses {@code type:name}; the type is case-insensitive, the name is kept as given. */
  public static ArtifactId parse(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidArtifactIdException("artifact_id", "artifact id must be 'type:name'");
    }
    int colon = value.indexOf(':');
    if (colon <= 0) {
      throw new InvalidArtifactIdException(
          "artifact_id", "artifact id must be 'type:name', got '" + printable(value) + "'");
    }
    String typePart = value.substring(0, colon);
    ArtifactType type =
        ArtifactType.fromId(typePart)
            .orElseThrow(
                () ->
                    new InvalidArtifactIdException(
                        "artifact_id",
                        "unknown artifact type '"
                            + printable(typePart)
                            + "' (expected skill, command, agent, hook or mcp)"));
    return new ArtifactId(type, value.substring(colon + 1));
  }

  /** Parses an id that arrived URL-encoded in a path segment. */
  public static ArtifactId parseEncoded(String encoded) {
    return parse(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
  }

  /** Checks a bare artifact name against the naming rules. */
  public static void validateName(String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidArtifactIdException("artifact_id", "artifact name must not be empty");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new InvalidArtifactIdException(
          "artifact_id", "artifact name must be at most " + MAX_NAME_LENGTH + " characters");
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
      throw new InvalidArtifactIdException(
          "artifact_id", "artifact name must not contain '/' or '\\'");
    }
    if (name.contains("..")) {
      throw new InvalidArtifactIdException("artifact_id", "artifact name must not contain '..'");
    }
    if (name.startsWith(".")) {
      throw new InvalidArtifactIdException("artifact_id", "artifact name must not start with '.'");
    }
    if (!name.strip().equals(name)) {
      throw new InvalidArtifactIdException(
          "artifact_id", "artifact name must not start or end with whitespace");
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw new InvalidArtifactIdException(
            "artifact_id", "artifact name must not contain NUL or control characters");
      }
    }
  }

  /** The path relative to a tier root, e.g. {@code skills/pdf-tools} or {@code agents/x.md}. */
  public String relativePath() {
    return type.relativePath(name);
  }

  /** The key SkillMeat uses in {@code collection.lock}: {@code name::type}. */
  public String lockKey() {
    return name + "::" + type.id();
  }

  /** {@code type:name}, URL-encoded for use as one path segment. */
  public String encoded() {
    return URLEncoder.encode(toString(), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return type.id() + ":" + name;
  }

  @Override
  public int compareTo(ArtifactId o) {
    int c = type.compareTo(o.type);
    return c != 0 ? c : name.compareTo(o.name);
  }

  private static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
    StringBuilder b = new StringBuilder();
    for (char c : cut.toCharArray()) {
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return b.toString();
  }
}
