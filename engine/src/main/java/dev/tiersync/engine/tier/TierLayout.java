package dev.tiersync.engine.tier;

import dev.tiersync.engine.content.ExcludedPaths;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A folder that holds artifacts at their SkillMeat paths ({@code skills/<name>/}, {@code
 * commands/<name>.md}, ...): a collection, or a project's {@code .claude/}.
 */
public sealed interface TierLayout permits CollectionLayout, ProjectLayout {
  /** The folder the artifact paths are relative to. */
  Path artifactRoot();

  /** Where the artifact lives in this tier, whether or not it is there. */
  default Path artifactPath(ArtifactId id) {
    return artifactRoot().resolve(id.relativePath());
  }

  /**
   * The artifacts present on disk: folders under {@code skills/}, {@code .md} files under {@code
   * commands/}, {@code agents/} and {@code hooks/}, files or folders under {@code mcp/}. Entries
   * whose name is not a valid artifact name (SkillMeat's {@code .<name>.skillmeat-lock} files, temp
   * files) and excluded paths are skipped; symlinks are listed but not followed.
   */
  default SortedSet<ArtifactId> artifactsOnDisk() throws IOException {
    SortedSet<ArtifactId> found = new TreeSet<>();
    for (ArtifactType type : ArtifactType.values()) {
      Path container = artifactRoot().resolve(type.container());
      if (!Files.isDirectory(container, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(container)) {
        for (Path entry : entries) {
          String name = artifactName(type, entry);
          if (name != null) {
            try {
              found.add(new ArtifactId(type, name));
            } catch (InvalidArtifactIdException e) {
              // Not an artifact: a lock or temp file, or a name tiersync cannot address.
            }
          }
        }
      }
    }
    return found;
  }

  /** The artifacts listed in a tier file plus those present on disk that it lacks. */
  default SortedSet<ArtifactId> artifacts(Collection<ArtifactId> listed) throws IOException {
    SortedSet<ArtifactId> all = artifactsOnDisk();
    all.addAll(listed);
    return all;
  }

  private static String artifactName(ArtifactType type, Path entry) {
    String file = entry.getFileName().toString();
    if (ExcludedPaths.isExcludedFile(file) || ExcludedPaths.isExcludedFolder(file)) {
      return null;
    }
    boolean folder = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
    boolean link = Files.isSymbolicLink(entry);
    return switch (type.shape()) {
      case FOLDER -> folder || link ? file : null;
      case FILE_OR_FOLDER -> file;
      case FILE -> {
        String suffix = TierValues.fileSuffix(type);
        yield !folder && file.endsWith(suffix) && file.length() > suffix.length()
            ? file.substring(0, file.length() - suffix.length())
            : null;
      }
    };
  }
}
