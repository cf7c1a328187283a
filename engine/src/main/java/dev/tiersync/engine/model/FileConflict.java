package dev.tiersync.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A file of an artifact that a sync's merge could not settle, and why. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileConflict(String artifactId, String path, ConflictKind kind) {}
