/**
 * The versions view of an artifact: the version it has in each tier, with lineage, merge base and
 * how far the collection is behind upstream. Start at {@link
 * dev.tiersync.engine.versions.VersionReader}.
 */
package dev.tiersync.engine.versions;
