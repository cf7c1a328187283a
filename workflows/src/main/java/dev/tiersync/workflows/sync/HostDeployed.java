package dev.tiersync.workflows.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.workflows.jobs.JobRequest;

/** Input of {@link HostedSyncActivities#hostDeployed}: one artifact's plan and what its apply did. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostDeployed(JobRequest request, ArtifactPlan plan, ArtifactResult result) {}
