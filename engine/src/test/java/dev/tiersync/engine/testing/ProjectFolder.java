package dev.tiersync.engine.testing;

import dev.tiersync.engine.tier.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A project folder in a test: artifacts under {@code .claude/} and the tracking file {@code
 * .claude/.skillmeat-deployed.toml} beside them.
 */
public final class ProjectFolder extends TierFolder<ProjectLayout> {
  private ProjectFolder(ProjectLayout layout) {
    super(layout);
  }

  /** The project at {@code dir} with an empty {@code .claude/}. */
  static ProjectFolder create(Path dir) throws IOException {
    ProjectLayout layout = new ProjectLayout(dir);
    Files.createDirectories(layout.claudeDir());
    return new ProjectFolder(layout);
  }

  /** The project folder itself, the parent of {@code .claude/}. */
  public Path dir() {
    return layout().projectDir();
  }

  public Path trackingFile() {
    return layout().trackingFile();
  }
}
