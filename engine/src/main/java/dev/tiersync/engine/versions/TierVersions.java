package dev.tiersync.engine.versions;

/**
 * An artifact's version in each tier; null where the tier lacks it.
 *
 * @param upstream null also when the artifact has no upstream or it could not be read
 */
public record TierVersions(TierVersion upstream, TierVersion collection, TierVersion project) {}
