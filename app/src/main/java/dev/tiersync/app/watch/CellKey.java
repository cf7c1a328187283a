package dev.tiersync.app.watch;

/**
 * A cell of the fleet as the watch keys it: the artifact, and the project for the
 * collection→project edge (none for the upstream→collection edge).
 */
record CellKey(String artifactId, String projectPath) {
  private static final char SEPARATOR = '\t';

  static CellKey parse(String key) {
    int i = key.indexOf(SEPARATOR);
    return i < 0
        ? new CellKey(key, null)
        : new CellKey(key.substring(0, i), key.substring(i + 1));
  }

  String edge() {
    return projectPath == null ? DriftEvent.UPSTREAM_EDGE : DriftEvent.PROJECT_EDGE;
  }

  @Override
  public String toString() {
    return projectPath == null ? artifactId : artifactId + SEPARATOR + projectPath;
  }
}
