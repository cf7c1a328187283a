package dev.tiersync.engine.patch;

/**
 * A file of a patch that did not apply to the upstream head, or could not be checked.
 *
 * @param path the file's path relative to the upstream repository root
 * @param reason what went wrong, for people
 */
public record TrialIssue(String path, String reason) {}
