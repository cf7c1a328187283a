package dev.tiersync.engine.tier;

import dev.tiersync.engine.model.ArtifactId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SortedSet;

/**
 * A collection folder: {@code collection.toml}, {@code collection.lock} and the artifacts at {@code
 * <root>/<type folder>/<name>}. The collection's name is its folder's name.
 */
public record CollectionLayout(Path root) implements TierLayout {
  public static final String MANIFEST_FILE = "collection.toml";
  public static final String LOCK_FILE = "collection.lock";

  public CollectionLayout {
    root = root.toAbsolutePath().normalize();
  }

  public String name() {
    return root.getFileName().toString();
  }

  public Path manifestFile() {
    return root.resolve(MANIFEST_FILE);
  }

  public Path lockFile() {
    return root.resolve(LOCK_FILE);
  }

  @Override
  public Path artifactRoot() {
    return root;
  }

  /** The artifacts of {@code collection.toml} plus those on disk that it lacks. */
  public SortedSet<ArtifactId> artifacts(CollectionManifest manifest) throws IOException {
    return artifacts(manifest.artifacts().stream().map(ManifestArtifact::id).toList());
  }
}
