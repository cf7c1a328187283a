package dev.tiersync.workflows.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.workflows.jobs.JobRequest;
import java.util.List;

/**
 * Input of {@link HostedSyncActivities#fetchHosted}: the job with its artifact list resolved, and
 * each artifact's project side as its host read it (hashes and record values, no contents).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostedFetchInput(JobRequest request, boolean allArtifacts, List<ProjectSide> sides) {
  public HostedFetchInput {
    sides = sides == null ? List.of() : List.copyOf(sides);
  }
}
