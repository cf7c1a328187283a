package dev.tiersync.workflows.jobs;

/** What a job does. */
public enum JobKind {
  SYNC,
  RESOLVE,
  PATCH
}
