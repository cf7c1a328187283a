package dev.tiersync.workflows.patch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.workflows.jobs.JobRequest;

/** Input of {@link PatchActivities#build}: the patch job's request. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PatchInput(JobRequest request) {}
