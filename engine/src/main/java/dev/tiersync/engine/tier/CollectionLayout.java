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

  /** tiersync's own records beside the manifest and lock ({@link CollectionSidecar}). */
  public Path sidecarFile() {
    return root.resolve(CollectionSidecar.DIR).resolve(CollectionSidecar.FILE);
  }

  @Override
  public Path artifactRoot() {
    return root;
  }

  /**
   * The artifacts of {@code collection.toml} (including those named by entries that break a rule)
   * plus those on disk that it lacks.
   */
  public SortedSet<ArtifactId> artifacts(CollectionManifest manifest) throws IOException {
    java.util.List<ArtifactId> listed = new java.util.ArrayList<>();
    manifest.artifacts().forEach(a -> listed.add(a.id()));
    manifest.invalidEntries().stream()
        .map(InvalidEntry::artifactId)
        .filter(java.util.Objects::nonNull)
        .forEach(listed::add);
    return artifacts(listed);
  }
}
