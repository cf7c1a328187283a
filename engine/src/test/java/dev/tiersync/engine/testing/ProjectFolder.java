package dev.tiersync.engine.testing;

import dev.tiersync.engine.tier.ProjectLayout;
import java.nio.file.Path;

/**
 * A project folder in a test: artifacts under {@code .claude/} and the tracking file {@code
 * .claude/.skillmeat-deployed.toml} beside them.
 */
public final class ProjectFolder extends TierFolder {
  private final ProjectLayout layout;

  ProjectFolder(ProjectLayout layout) {
    super(layout);
    this.layout = layout;
  }

  public ProjectLayout layout() {
    return layout;
  }

  /** The project folder itself, the parent of {@code .claude/}. */
  public Path dir() {
    return layout.projectDir();
  }

  public Path trackingFile() {
    return layout.trackingFile();
  }
}
