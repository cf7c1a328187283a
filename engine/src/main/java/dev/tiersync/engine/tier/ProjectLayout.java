package dev.tiersync.engine.tier;

import dev.tiersync.engine.model.ArtifactId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SortedSet;

/**
 * A project folder: deployed artifacts under {@code .claude/} at the same relative paths as in a
 * collection, and the tracking file {@code .claude/.skillmeat-deployed.toml}.
 */
public record ProjectLayout(Path projectDir) implements TierLayout {
  public static final String CLAUDE_DIR = ".claude";
  public static final String TRACKING_FILE = ".skillmeat-deployed.toml";

  public ProjectLayout {
    projectDir = projectDir.toAbsolutePath().normalize();
  }

  public Path claudeDir() {
    return projectDir.resolve(CLAUDE_DIR);
  }

  public Path trackingFile() {
    return claudeDir().resolve(TRACKING_FILE);
  }

  /** tiersync's own records beside the tracking file ({@link DeploymentSidecar}). */
  public Path sidecarFile() {
    return claudeDir().resolve(DeploymentSidecar.FILE);
  }

  @Override
  public Path artifactRoot() {
    return claudeDir();
  }

  /**
   * The artifacts of the tracking file (including those named by entries that break a rule) plus
   * those on disk that it lacks.
   */
  public SortedSet<ArtifactId> artifacts(DeploymentTracking tracking) throws IOException {
    java.util.List<ArtifactId> listed = new java.util.ArrayList<>();
    tracking.entries().forEach(a -> listed.add(a.id()));
    tracking.invalidEntries().stream()
        .map(InvalidEntry::artifactId)
        .filter(java.util.Objects::nonNull)
        .forEach(listed::add);
    return artifacts(listed);
  }
}
