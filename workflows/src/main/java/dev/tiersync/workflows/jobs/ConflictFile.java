package dev.tiersync.workflows.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A file a merge could not settle; {@code kind} is content, add_add, delete_modify, binary or no_base. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConflictFile(String artifactId, String path, String kind) {}
