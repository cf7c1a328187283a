package dev.tiersync.workflows.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.workflows.jobs.JobRequest;

/** Input of {@link FetchActivities#fetch}: the job, with its artifact list resolved. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FetchInput(JobRequest request) {}
