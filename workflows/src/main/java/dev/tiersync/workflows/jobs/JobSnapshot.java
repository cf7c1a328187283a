package dev.tiersync.workflows.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.FileConflict;
import java.util.List;
import java.util.Map;

/**
 * A job's state as the workflow sees it: answered by the progress query while it runs, returned
 * as the workflow's result when it ends, and published to the job store at each transition.
 *
 * @param waitingReason why a queued job is not running yet (e.g. the lock it waits for)
 * @param plans per-artifact plans (a dry run's answer; also kept for applied jobs)
 * @param result kind-specific fields (patch bundle url, sha256, ...)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobSnapshot(
    String jobId,
    JobState state,
    String phase,
    int pct,
    String waitingReason,
    List<ArtifactPlan> plans,
    List<ArtifactResult> artifacts,
    List<FileConflict> conflicts,
    List<String> unresolvedFiles,
    List<String> log,
    Map<String, String> result) {

  public JobSnapshot {
    plans = plans == null ? List.of() : List.copyOf(plans);
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    unresolvedFiles = unresolvedFiles == null ? List.of() : List.copyOf(unresolvedFiles);
    log = log == null ? List.of() : List.copyOf(log);
    result = result == null ? Map.of() : Map.copyOf(result);
  }
}
