package dev.tiersync.app.watch;

/**
 * A cell of the fleet as the watch keys it: the artifact, and the project for the
 * collection→project edge (none for the upstream→collection edge). Written as the artifact id
 * followed by the absolute project path: an artifact id has no {@code /} and a project path starts
 * with one, so the key needs no separator (and no escaping in JSON). A project on a host ({@code
 * host:path}) does not start with {@code /}: its key puts a {@code \} between the two, which
 * neither an artifact id nor a host id can hold.
 */
record CellKey(String artifactId, String projectPath) {
  private static final char HOSTED = '\\';

  static CellKey parse(String key) {
    int hosted = key.indexOf(HOSTED);
    if (hosted >= 0) {
      return new CellKey(key.substring(0, hosted), key.substring(hosted + 1));
    }
    int i = key.indexOf('/');
    return i < 0 ? new CellKey(key, null) : new CellKey(key.substring(0, i), key.substring(i));
  }

  String edge() {
    return projectPath == null ? DriftEvent.UPSTREAM_EDGE : DriftEvent.PROJECT_EDGE;
  }

  @Override
  public String toString() {
    if (projectPath == null) {
      return artifactId;
    }
    return projectPath.startsWith("/") ? artifactId + projectPath : artifactId + HOSTED + projectPath;
  }
}
