package dev.tiersync.engine.tier;

import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.model.ProjectAddress;
import dev.tiersync.engine.sync.TierScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns the collection name and project path of a request into tier folders, refusing anything
 * outside the configured places: a collection must be a valid name under the collections root, a
 * project path must be absolute, exist, and resolve (symlinks followed) inside one of the allowed
 * project roots.
 */
public final class ScopeResolver {
  /** Thrown for a collection or project that cannot be used; names the field and the rule. */
  public static final class InvalidScopeException extends IllegalArgumentException {
    private final String field;

    public InvalidScopeException(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  private final CollectionsRoot collections;
  private final List<Path> projectRoots;

  /**
   * @param projectRoots where project folders may be; empty accepts no project path at all
   */
  public ScopeResolver(CollectionsRoot collections, List<Path> projectRoots) {
    this.collections = collections;
    this.projectRoots = projectRoots.stream().map(ScopeResolver::real).toList();
  }

  public TierScope resolve(String collectionName, String projectPath) {
    CollectionLayout collection = collection(collectionName);
    ProjectLayout project = projectPath == null || projectPath.isBlank() ? null : project(projectPath);
    return new TierScope(collection, project);
  }

  /** The collection's folder; it must exist. */
  public CollectionLayout collection(String name) {
    String n = name == null || name.isBlank() ? "default" : name;
    CollectionLayout layout;
    try {
      layout = collections.collection(n);
    } catch (IllegalArgumentException e) {
      throw new InvalidScopeException("collection", e.getMessage());
    }
    if (!Files.isDirectory(layout.root())) {
      throw new InvalidScopeException("collection", "collection '" + n + "' does not exist");
    }
    return layout;
  }

  /** The project folder, checked against the allowed roots after resolving symlinks. */
  public ProjectLayout project(String projectPath) {
    if (projectPath.indexOf('\0') >= 0) {
      throw new InvalidScopeException("project_path", "project_path must not contain NUL");
    }
    ProjectAddress address = ProjectAddress.parse(projectPath);
    if (address.onHost()) {
      throw new InvalidScopeException(
          "project_path",
          "project_path '" + projectPath + "' is a project on host '" + address.host()
              + "': only jobs (sync, resolve, adopt, undeploy, patch) reach projects on hosts so far; this request needs a project"
              + " on the server");
    }
    Path p = Path.of(projectPath);
    if (!p.isAbsolute()) {
      throw new InvalidScopeException("project_path", "project_path must be an absolute path");
    }
    if (!Files.isDirectory(p)) {
      throw new InvalidScopeException("project_path", "project_path is not an existing folder");
    }
    Path real = real(p);
    if (projectRoots.stream().noneMatch(real::startsWith)) {
      throw new InvalidScopeException(
          "project_path", "project_path must be inside an allowed project root (TIERSYNC_PROJECT_ROOTS)");
    }
    ProjectLayout layout = new ProjectLayout(real);
    refuseLinkedContainers(layout.claudeDir());
    return layout;
  }

  /**
   * Refuses a project whose {@code .claude/} or one of its artifact-type folders is a symbolic
   * link: writes go through those folders, and a link could take them out of the project (and out
   * of the allowed roots) after the check above.
   */
  private static void refuseLinkedContainers(Path claudeDir) {
    List<Path> containers = new java.util.ArrayList<>();
    containers.add(claudeDir);
    for (ArtifactType type : ArtifactType.values()) {
      containers.add(claudeDir.resolve(type.container()));
    }
    for (Path dir : containers) {
      if (Files.isSymbolicLink(dir)) {
        throw new InvalidScopeException(
            "project_path",
            "project_path's " + claudeDir.getParent().relativize(dir) + " is a symbolic link; tiersync does not write"
                + " through links, which could lead out of the project");
      }
    }
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
