package dev.tiersync.app.workspace;

import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.app.jobs.JobStore;
import dev.tiersync.engine.tier.ProjectFinder;
import dev.tiersync.engine.tier.ProjectLayout;
import dev.tiersync.engine.tier.ScopeResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The projects of a collection's fleet: those found under {@code TIERSYNC_PROJECT_ROOTS} (as the
 * workspace lists them), then every project a job of the collection named that still exists and is
 * still inside a project root, each once, in that order.
 */
@Component
public class KnownProjects {
  private final ProjectFinder finder;
  private final JobStore jobs;
  private final ScopeResolver scopes;

  KnownProjects(TiersyncProperties properties, JobStore jobs, ScopeResolver scopes) {
    this.finder = new ProjectFinder(properties.projectRoots());
    this.jobs = jobs;
    this.scopes = scopes;
  }

  /** The known projects of {@code collection}, each a usable project folder. */
  public List<ProjectLayout> of(String collection) {
    Set<Path> seen = new LinkedHashSet<>(finder.find());
    for (String path : jobs.projectPaths(collection)) {
      seen.add(Path.of(path));
    }
    List<ProjectLayout> out = new ArrayList<>();
    Set<Path> dirs = new LinkedHashSet<>();
    for (Path p : seen) {
      try {
        ProjectLayout layout = scopes.project(p.toString());
        if (dirs.add(layout.projectDir())) {
          out.add(layout);
        }
      } catch (ScopeResolver.InvalidScopeException e) {
        // Gone, moved out of the project roots, or its .claude/ is a link: not part of the fleet.
      }
    }
    return out;
  }
}
