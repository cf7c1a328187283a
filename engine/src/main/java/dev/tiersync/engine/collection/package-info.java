/**
 * Changes to what a collection or a project holds, beyond syncing versions along an edge: creating
 * a collection, adding an artifact from an upstream, re-pinning it to another ref, removing it from
 * the collection and undeploying it from a project. Each is planned first (writing nothing to any
 * tier, the versions it sees stored in the history store) and applied with the same atomic writer
 * and tier-file bookkeeping as a sync.
 */
package dev.tiersync.engine.collection;
