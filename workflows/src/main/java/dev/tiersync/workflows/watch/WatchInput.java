package dev.tiersync.workflows.watch;

/**
 * @param collection the collection's name
 * @param passes passes made by the runs before this one (continued as new), for the status
 */
public record WatchInput(String collection, long passes) {}
