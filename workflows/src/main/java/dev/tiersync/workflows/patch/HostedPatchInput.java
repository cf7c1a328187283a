package dev.tiersync.workflows.patch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.workflows.jobs.JobRequest;
import java.util.List;

/**
 * Input of {@link PatchActivities#buildHosted}: the patch job's request, whose project is {@code
 * host:path}, and each artifact's project side as that host's agent read it (hashes and record
 * values; the versions themselves are in the server's history store).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostedPatchInput(JobRequest request, List<ProjectSide> sides) {
  public HostedPatchInput {
    sides = sides == null ? List.of() : List.copyOf(sides);
  }
}
