package dev.tiersync.workflows.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The outcome of one artifact in a job, with the reason when nothing was done. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArtifactResult(
    String artifactId,
    Outcome outcome,
    String reason,
    int filesAdded,
    int filesRemoved,
    int filesModified,
    String beforeHash,
    String afterHash) {}
