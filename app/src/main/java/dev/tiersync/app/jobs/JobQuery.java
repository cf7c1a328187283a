package dev.tiersync.app.jobs;

/** Filters and paging for listing jobs; null filters match everything. Newest first. */
public record JobQuery(String state, String direction, String artifactId, int limit, int offset) {
  public boolean matches(JobRecord r) {
    return (state == null || state.equals(r.state()))
        && (direction == null || direction.equals(r.direction()))
        && (artifactId == null || (r.artifactIds() != null && r.artifactIds().contains("\"" + artifactId + "\"")));
  }
}
