package dev.tiersync.workflows.jobs;

/** What a job does. */
public enum JobKind {
  SYNC,
  RESOLVE,
  PATCH,
  /** Creates a collection folder in SkillMeat's layout. */
  CREATE_COLLECTION,
  /** Adds artifacts to a collection from a Git upstream. */
  ADD,
  /** Sets an artifact's {@code version_spec} and updates it to that ref. */
  PIN,
  /** Takes artifacts out of a collection. */
  REMOVE,
  /** Takes artifacts out of a project. */
  UNDEPLOY,
  /**
   * Writes an earlier version of an artifact back into the collection or a project (the
   * direction's destination), leaving the edge's merge base where it was.
   */
  ROLLBACK;

  /** Lower-case name as used in the API ({@code create_collection}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
