package dev.tiersync.engine.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a file conflicts. Serialised by its lower-case label ({@code "add_add"}). */
public enum ConflictKind {
  /** Both sides edited the same or touching lines; markers were written. */
  CONTENT,
  /** Both sides added the file with different content; markers against an empty base. */
  ADD_ADD,
  /** One side deleted the file, the other changed it; the changed version is kept. */
  DELETE_MODIFY,
  /** Both sides changed a binary file (or a symlink); the destination's file is kept. */
  BINARY,
  /** No merge base exists and the sides differ; nothing is chosen silently. */
  NO_BASE,
  /**
   * The merge of a skill's, agent's or command's Markdown file was clean but its front matter is
   * not what Claude Code expects (a missing or malformed {@code name} or {@code description}, or
   * YAML that does not parse); the destination's file is kept and the reason is carried.
   */
  INVALID_FRONT_MATTER;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
