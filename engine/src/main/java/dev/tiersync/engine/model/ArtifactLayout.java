package dev.tiersync.engine.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a path inside an upstream repository says about the artifact it holds, by SPEC's layout:
 * {@code skills/<name>} is a skill, {@code commands/<name>.md} a command, {@code agents/<name>.md}
 * an agent, {@code hooks/<name>.md} a hook and {@code mcp/<name>} an MCP definition, wherever that
 * container sits in the repository ({@code .claude/skills/x} and {@code plugins/p/skills/x} too).
 * A folder holding {@code SKILL.md} outside such a container is a skill named after the folder;
 * callers that know the tree say so with {@code holdsSkillFile}.
 */
public final class ArtifactLayout {
  private ArtifactLayout() {}

  /**
   * The artifact a path holds, if its layout says.
   *
   * @param path a path inside the repository, {@code /}-separated, without a leading slash
   * @param holdsSkillFile whether the path is a folder holding {@code SKILL.md}
   * @param repositoryName the name a skill at the repository's root takes
   */
  public static Optional<ArtifactId> of(String path, boolean holdsSkillFile, String repositoryName) {
    List<String> segments =
        Arrays.stream(path == null ? new String[0] : path.split("/"))
            .filter(s -> !s.isEmpty())
            .toList();
    if (segments.size() >= 2) {
      String container = segments.get(segments.size() - 2);
      String last = segments.get(segments.size() - 1);
      for (ArtifactType type : ArtifactType.values()) {
        if (type.container().equals(container)) {
          Optional<ArtifactId> id = named(type, last);
          if (id.isPresent()) {
            return id;
          }
        }
      }
    }
    if (holdsSkillFile) {
      String name = segments.isEmpty() ? repositoryName : segments.get(segments.size() - 1);
      return valid(ArtifactType.SKILL, name);
    }
    return Optional.empty();
  }

  private static Optional<ArtifactId> named(ArtifactType type, String entry) {
    return switch (type.shape()) {
      case FILE ->
          entry.endsWith(".md") && entry.length() > 3
              ? valid(type, entry.substring(0, entry.length() - 3))
              : Optional.empty();
      case FOLDER -> entry.endsWith(".md") ? Optional.empty() : valid(type, entry);
      case FILE_OR_FOLDER -> valid(type, entry.endsWith(".md") ? entry.substring(0, entry.length() - 3) : entry);
    };
  }

  private static Optional<ArtifactId> valid(ArtifactType type, String name) {
    try {
      return Optional.of(new ArtifactId(type, name));
    } catch (InvalidArtifactIdException e) {
      return Optional.empty();
    }
  }
}
