package dev.tiersync.app.workspace;

import dev.tiersync.engine.tier.CollectionsRoot;
import dev.tiersync.engine.tier.ProjectFinder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the workspace the UI offers: the collections under the collections root and the projects
 * under the project roots, from disk on every call so that new ones show up without a restart.
 */
final class WorkspaceReader {
  private final CollectionsRoot collections;
  private final ProjectFinder projects;
  private final boolean uiToasts;
  private final String patchFormat;

  WorkspaceReader(Path collectionsRoot, List<Path> projectRoots, boolean uiToasts, String patchFormat) {
    this.collections = new CollectionsRoot(collectionsRoot);
    this.projects = new ProjectFinder(projectRoots);
    this.uiToasts = uiToasts;
    this.patchFormat = patchFormat;
  }

  WorkspaceView read() throws IOException {
    return new WorkspaceView(
        collections.names(),
        projects.find().stream().map(p -> new WorkspaceView.Project(name(p), p.toString())).toList(),
        uiToasts,
        patchFormat);
  }

  private static String name(Path p) {
    return p.getFileName() == null ? p.toString() : p.getFileName().toString();
  }
}
