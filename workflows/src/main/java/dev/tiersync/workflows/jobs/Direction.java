package dev.tiersync.workflows.jobs;

/** The edge a job runs along; {@link #PROJECT_TO_UPSTREAM} only ever exports a patch. */
public enum Direction {
  UPSTREAM_TO_COLLECTION,
  COLLECTION_TO_PROJECT,
  PROJECT_TO_COLLECTION,
  PROJECT_TO_UPSTREAM;

  /** The tier written by a sync in this direction ("collection" or "project"). */
  public String destinationTier() {
    return switch (this) {
      case UPSTREAM_TO_COLLECTION, PROJECT_TO_COLLECTION -> "collection";
      case COLLECTION_TO_PROJECT -> "project";
      case PROJECT_TO_UPSTREAM -> "upstream";
    };
  }
}
