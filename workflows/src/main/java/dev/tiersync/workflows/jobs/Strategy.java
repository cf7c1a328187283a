package dev.tiersync.workflows.jobs;

/** auto = three-way merge, ours = keep the destination tier, theirs = take the source tier. */
public enum Strategy {
  AUTO,
  OURS,
  THEIRS
}
