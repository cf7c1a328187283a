package dev.tiersync.app.watch;

/**
 * A cell of the fleet as the watch keys it: the artifact, and the project for the
 * collection→project edge (none for the upstream→collection edge). Written as the artifact id
 * followed by the absolute project path: an artifact id has no {@code /} and a project path starts
 * with one, so the key needs no separator (and no escaping in JSON).
 */
record CellKey(String artifactId, String projectPath) {

  static CellKey parse(String key) {
    int i = key.indexOf('/');
    return i < 0 ? new CellKey(key, null) : new CellKey(key.substring(0, i), key.substring(i));
  }

  String edge() {
    return projectPath == null ? DriftEvent.UPSTREAM_EDGE : DriftEvent.PROJECT_EDGE;
  }

  @Override
  public String toString() {
    return projectPath == null ? artifactId : artifactId + projectPath;
  }
}
