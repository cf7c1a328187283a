package dev.tiersync.activities;

import dev.tiersync.engine.tier.ProjectFinder;
import dev.tiersync.workflows.host.HostActivities;
import dev.tiersync.workflows.host.HostDescription;
import dev.tiersync.workflows.host.HostProjects;
import java.nio.file.Path;
import java.util.List;

/** A host agent's answers about itself, from its own settings and project roots. */
public final class HostActivitiesImpl implements HostActivities {
  private final HostDescription description;
  private final ProjectFinder finder;

  /**
   * @param hostId the agent's host id
   * @param version the running tiersync version
   * @param projectRoots the agent's project roots (absolute)
   */
  public HostActivitiesImpl(String hostId, String version, List<Path> projectRoots) {
    this.description = new HostDescription(hostId, version, projectRoots.stream().map(Path::toString).toList());
    this.finder = new ProjectFinder(projectRoots);
  }

  @Override
  public HostDescription describe() {
    return description;
  }

  @Override
  public HostProjects projects() {
    // Read on every request, so projects made or removed since the agent started show up.
    return new HostProjects(finder.find().stream().map(Path::toString).toList());
  }
}
