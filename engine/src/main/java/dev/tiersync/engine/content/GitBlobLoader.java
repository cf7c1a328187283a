package dev.tiersync.engine.content;

/**
 * Loads a blob out of a Git object database, where it is stored under its object id: the id names
 * exactly these bytes, so whoever needs their Git blob id takes it from here instead of hashing
 * them, and bytes loaded this way need no digest check against a tree read earlier (they cannot
 * have been edited since, as a file on disk can).
 */
public interface GitBlobLoader extends ContentLoader {
  /** The blob's Git object id, 40 hex digits. */
  String gitBlobId();
}
