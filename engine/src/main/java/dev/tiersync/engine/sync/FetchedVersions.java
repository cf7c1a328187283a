package dev.tiersync.engine.sync;

import dev.tiersync.engine.model.ArtifactId;

/**
 * The versions a sync of one artifact starts from, by content hash (all stored in the history
 * store), or why it cannot start ({@code skipReason}).
 */
public record FetchedVersions(
    ArtifactId artifactId,
    SyncDirection direction,
    String sourceHash,
    String destinationHash,
    String baseHash,
    String upstreamSha,
    String upstreamRef,
    String skipReason) {}
