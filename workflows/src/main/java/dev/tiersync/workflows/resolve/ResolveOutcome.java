package dev.tiersync.workflows.resolve;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.workflows.jobs.ArtifactResult;
import java.util.List;

/** Output of {@link ResolveActivities#resolve}: the artifact's result and files still marked. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResolveOutcome(ArtifactResult result, List<String> unresolvedFiles) {
  public ResolveOutcome {
    unresolvedFiles = unresolvedFiles == null ? List.of() : List.copyOf(unresolvedFiles);
  }
}
