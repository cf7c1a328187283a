package dev.tiersync.workflows.watch;

/**
 * A watch's state as its query answers it.
 *
 * @param passes passes made since the watch started, over all its runs
 * @param lastPassId the last pass's id, or null before the first
 * @param lastTransitions the status transitions the last pass found
 * @param lastError why the last pass failed, or null
 */
public record WatchStatus(long passes, String lastPassId, int lastTransitions, String lastError) {}
