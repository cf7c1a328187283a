package dev.tiersync.engine.merge;

import dev.tiersync.engine.model.ArtifactType;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which files of an artifact carry YAML front matter that Claude Code reads, and what it expects
 * of it (docs/merge.md): a skill's {@code SKILL.md} and an agent's file need {@code name} (lower
 * case letters, digits and hyphens, at most 64) and {@code description} (a non-empty string); a
 * command's front matter is optional, and its {@code description}, when given, is a non-empty
 * string.
 */
public final class FrontMatterRules {
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,64}");

  private FrontMatterRules() {}

  /**
   * Whether {@code path} is the file of an artifact of {@code type} whose front matter Claude Code
   * reads: {@code SKILL.md} at a skill's root, the Markdown file of an agent or a command.
   */
  public static boolean applies(ArtifactType type, String path) {
    if (type == null) {
      return false;
    }
    return switch (type) {
      case SKILL -> path.equals("SKILL.md");
      case AGENT, COMMAND -> path.endsWith(".md") && path.indexOf('/') < 0;
      default -> false;
    };
  }

  /** Why a file's content is not what Claude Code expects of its front matter; null when it is. */
  public static String problem(ArtifactType type, String path, byte[] content) {
    if (!applies(type, path)) {
      return null;
    }
    String text = FrontMatterDoc.text(content);
    if (text == null) {
      return type == ArtifactType.COMMAND
          ? null
          : path + " has no YAML front matter (--- lines) with name and description";
    }
    String loadProblem = FrontMatterDoc.loadProblem(text);
    if (loadProblem != null) {
      return path + ": " + loadProblem;
    }
    Map<String, Object> keys = FrontMatterDoc.load(text);
    boolean required = type != ArtifactType.COMMAND;
    if (required) {
      String name = nonEmptyString(keys, "name", true);
      if (name != null) {
        return path + ": " + name;
      }
      String value = (String) keys.get("name");
      if (!NAME.matcher(value).matches()) {
        return path
            + ": front matter name '"
            + value
            + "' must be lower-case letters, digits and hyphens, at most 64 characters";
      }
    }
    String description = nonEmptyString(keys, "description", required);
    return description == null ? null : path + ": " + description;
  }

  private static String nonEmptyString(Map<String, Object> keys, String key, boolean required) {
    if (!keys.containsKey(key)) {
      return required ? "front matter has no " + key : null;
    }
    Object v = keys.get(key);
    if (!(v instanceof String s)) {
      return "front matter " + key + " must be a string, not " + (v == null ? "empty" : describe(v));
    }
    return s.isBlank() ? "front matter " + key + " is empty" : null;
  }

  private static String describe(Object v) {
    if (v instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (v instanceof java.util.List<?>) {
      return "a list";
    }
    return "'" + v + "'";
  }
}
