package dev.tiersync.workflows.patch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.engine.model.ArtifactResult;
import java.util.List;
import java.util.Map;

/**
 * Output of {@link PatchActivities#build}: the bundle's fields for the job result ({@code
 * download_url}, {@code sha256}, {@code size_bytes}, {@code format}, {@code base}, {@code trial_apply},
 * {@code github_pr_url}) and one result per artifact.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PatchOutput(Map<String, String> result, List<ArtifactResult> artifacts, List<String> log) {
  public PatchOutput {
    result = result == null ? Map.of() : Map.copyOf(result);
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    log = log == null ? List.of() : List.copyOf(log);
  }
}
