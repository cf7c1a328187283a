package dev.tiersync.workflows.lock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A job asking for an artifact lock.
 *
 * @param requesterId the requesting job's workflow id
 * @param label what is locked, for messages ({@code project /p: skill:pdf-tools})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LockRequest(String requesterId, String label) {}
