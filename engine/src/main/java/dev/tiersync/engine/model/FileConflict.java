package dev.tiersync.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A file of an artifact that a sync's merge could not settle, and why: the kind, and for {@link
 * ConflictKind#INVALID_FRONT_MATTER} the reason in words (null, and left out of JSON, otherwise).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileConflict(
    String artifactId,
    String path,
    ConflictKind kind,
    @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
  public FileConflict(String artifactId, String path, ConflictKind kind) {
    this(artifactId, path, kind, null);
  }
}
