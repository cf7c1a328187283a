package dev.tiersync.workflows.resolve;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.workflows.jobs.JobRequest;

/** Input of {@link ResolveActivities#resolve}: one artifact and the plan of the sync that conflicted. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResolveInput(JobRequest request, ArtifactPlan plan) {}
