package dev.tiersync.workflows.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.workflows.jobs.JobRequest;

/** Input of {@link ApplyActivities#apply}: one artifact's plan. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApplyInput(JobRequest request, ArtifactPlan plan) {}
