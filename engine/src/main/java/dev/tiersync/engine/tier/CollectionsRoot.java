package dev.tiersync.engine.tier;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The folder that holds the collections, one subfolder each (SkillMeat's layout). */
public record CollectionsRoot(Path root) {
  public CollectionsRoot {
    root = root.toAbsolutePath().normalize();
  }

  /** SkillMeat's default, {@code ~/.skillmeat/collections}. */
  public static CollectionsRoot defaultRoot() {
    return new CollectionsRoot(
        Path.of(System.getProperty("user.home"), ".skillmeat", "collections"));
  }

  /**
   * The collection called {@code name}, whether or not it exists.
   *
   * @throws InvalidArtifactIdException with field {@code collection} when the name breaks the
   *     artifact naming rules (it becomes a folder name)
   */
  public CollectionLayout collection(String name) {
    try {
      ArtifactId.validateName(name);
    } catch (InvalidArtifactIdException e) {
      throw new InvalidArtifactIdException(
          "collection", e.getMessage().replaceFirst("^artifact name", "collection name"));
    }
    return new CollectionLayout(root.resolve(name));
  }

  /**
   * The names of the collections that exist (folders holding a {@code collection.toml}), sorted.
   */
  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return names;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path dir : dirs) {
        if (Files.isRegularFile(dir.resolve(CollectionLayout.MANIFEST_FILE))) {
          names.add(dir.getFileName().toString());
        }
      }
    }
    names.sort(null);
    return names;
  }
}
