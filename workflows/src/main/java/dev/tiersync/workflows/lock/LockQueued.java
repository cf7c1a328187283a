package dev.tiersync.workflows.lock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Sent to a waiting job: the lock it asked for is held by {@code holderId}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LockQueued(String lockId, String holderId, String label) {}
