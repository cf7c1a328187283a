package dev.tiersync.workflows.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.workflows.jobs.JobRequest;

/**
 * Input of {@link FetchActivities#fetch}: the job, with its artifact list resolved.
 *
 * @param allArtifacts whether the job asked for every artifact of the collection (no {@code
 *     artifact_ids}): the fetch then also reports the tier-file entries that name no valid artifact
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FetchInput(JobRequest request, boolean allArtifacts) {
  public FetchInput(JobRequest request) {
    this(request, false);
  }
}
