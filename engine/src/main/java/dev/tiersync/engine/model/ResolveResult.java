package dev.tiersync.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What resolving one conflicted artifact did: its result (the version before is kept in the
 * history store, so nothing is lost) and the files that still hold conflict markers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResolveResult(ArtifactResult result, List<String> unresolvedFiles) {
  public ResolveResult {
    unresolvedFiles = unresolvedFiles == null ? List.of() : List.copyOf(unresolvedFiles);
  }
}
