package dev.tiersync.engine.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of Claude Code artifact tiersync manages, with their place in the SkillMeat layout.
 *
 * <p>Skills are folders holding {@code SKILL.md}; commands, agents and hooks are single Markdown
 * files; MCP definitions live at {@code mcp/<name>} and may be a file or a folder.
 */
public enum ArtifactType {
  SKILL("skill", "skills", Shape.FOLDER, ""),
  COMMAND("command", "commands", Shape.FILE, ".md"),
  AGENT("agent", "agents", Shape.FILE, ".md"),
  HOOK("hook", "hooks", Shape.FILE, ".md"),
  MCP("mcp", "mcp", Shape.FILE_OR_FOLDER, "");

  /** Whether an artifact of this type is a folder, a single file, or either. */
  public enum Shape {
    FOLDER,
    FILE,
    FILE_OR_FOLDER
  }

  private final String id;
  private final String container;
  private final Shape shape;
  private final String fileSuffix;

  ArtifactType(String id, String container, Shape shape, String fileSuffix) {
    this.id = id;
    this.container = container;
    this.shape = shape;
    this.fileSuffix = fileSuffix;
  }

  /** The lower-case name used in ids and TOML ({@code skill}, {@code command}, ...). */
  public String id() {
    return id;
  }

  /** The folder that holds artifacts of this type in a collection or a project's {@code .claude/}. */
  public String container() {
    return container;
  }

  public Shape shape() {
    return shape;
  }

  /**
   * The path of an artifact relative to the tier root, without a trailing slash: {@code
   * skills/pdf-tools}, {@code commands/review.md}, {@code mcp/github}.
   */
  public String relativePath(String name) {
    return container + "/" + name + fileSuffix;
  }

  /** Parses {@code skill}, {@code command}, ... case-insensitively. */
  public static Optional<ArtifactType> fromId(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (ArtifactType t : values()) {
      if (t.id.equals(v)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
