package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.CommentedConfig;
import dev.tiersync.engine.model.ArtifactId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A project's {@code .claude/.skillmeat-deployed.toml}: one {@code [[deployed]]} table per artifact
 * deployed from a collection. Rewriting keeps the keys tiersync does not manage (SkillMeat's {@code
 * local_modifications}, {@code platform}, ...), entries of other SkillMeat types, key order and the
 * form of unchanged values. Not thread-safe.
 */
public final class DeploymentTracking {
  private static final TableArray.Codec<DeployedArtifact> CODEC =
      new TableArray.Codec<>(
          DeployedArtifact::read, DeployedArtifact::fields, DeployedArtifact::id, DeployedArtifact::rawId);

  private final CommentedConfig doc;
  private final TableArray<DeployedArtifact> deployed;

  private DeploymentTracking(CommentedConfig doc, Path file) {
    this.doc = doc;
    this.deployed = new TableArray<>(doc, "deployed", CODEC, file);
  }

  /**
   * Reads a tracking file; a missing file means nothing is deployed.
   *
   * @throws InvalidTierFileException when the file cannot be read as a whole (not TOML, {@code
   *     deployed} not an array of tables); an entry that breaks a rule is an {@link
   *     #invalidEntries() invalid entry} instead
   */
  public static DeploymentTracking load(Path file) throws IOException {
    return new DeploymentTracking(TomlFiles.read(file).orElseGet(TomlFiles::newDocument), file);
  }

  /** Parses a tracking file from the bytes of {@code file}, read by the caller. */
  public static DeploymentTracking parse(Path file, byte[] bytes) {
    return new DeploymentTracking(TomlFiles.parse(file, bytes), file);
  }

  /** A tracking file with no entries. */
  public static DeploymentTracking empty() {
    return new DeploymentTracking(TomlFiles.newDocument(), null);
  }

  /** The entries tiersync manages, in file order. */
  public List<DeployedArtifact> entries() {
    return deployed.all();
  }

  /**
   * The {@code [[deployed]]} entries that break a rule, in file order: kept in the file as
   * written, never listed by {@link #entries()}.
   */
  public List<InvalidEntry> invalidEntries() {
    return deployed.invalid();
  }

  public Optional<DeployedArtifact> find(ArtifactId id) {
    return deployed.find(id);
  }

  /**
   * Adds the entry or rewrites the changed keys of the artifact's existing entry.
   *
   * @throws InvalidTierFileException when an invalid entry names the artifact (it is not touched)
   */
  public void upsert(DeployedArtifact entry) {
    deployed.upsert(entry);
  }

  /**
   * Removes the artifact's entries; returns whether there was one.
   *
   * @throws InvalidTierFileException when an invalid entry names the artifact (nothing is removed)
   */
  public boolean remove(ArtifactId id) {
    return deployed.remove(id);
  }

  /** Writes the tracking file atomically, creating {@code .claude/} if needed. */
  public void save(Path file) throws IOException {
    TomlFiles.write(file, doc);
  }
}
