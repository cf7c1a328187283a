package dev.tiersync.workflows.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.workflows.jobs.JobRequest;

/**
 * Input of {@link HostedSyncActivities#hostDeployed} and {@link HostedSyncActivities#hostResolved}:
 * one artifact's plan (a resolve's: the conflicted sync's) and what its apply or resolve did.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostDeployed(JobRequest request, ArtifactPlan plan, ArtifactResult result) {}
