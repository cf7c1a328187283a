package dev.tiersync.engine.status;

/**
 * The status of an edge and why: the hashes it was judged on (null where a version is absent)
 * and a short human explanation.
 */
public record EdgeStatus(
    SyncStatus status, String sourceHash, String targetHash, String baseHash, String reason) {}
