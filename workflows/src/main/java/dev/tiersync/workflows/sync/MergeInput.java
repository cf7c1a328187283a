package dev.tiersync.workflows.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.engine.model.FetchedArtifact;
import dev.tiersync.workflows.jobs.JobRequest;
import java.util.List;

/** Input of {@link MergeActivities#merge}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MergeInput(JobRequest request, List<FetchedArtifact> artifacts) {}
