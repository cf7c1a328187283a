package dev.tiersync.workflows.jobs;

/** What happened to one artifact in a job. */
public enum Outcome {
  CREATED,
  UPDATED,
  MERGED,
  UNCHANGED,
  SKIPPED,
  CONFLICT,
  ERROR
}
