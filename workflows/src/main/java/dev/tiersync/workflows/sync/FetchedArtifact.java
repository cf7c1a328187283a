package dev.tiersync.workflows.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The versions a fetch found for one artifact, by content hash (stored in the history store), or
 * why the artifact is skipped.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FetchedArtifact(
    String artifactId,
    String sourceHash,
    String destinationHash,
    String baseHash,
    String upstreamSha,
    String upstreamRef,
    String skipReason) {}
