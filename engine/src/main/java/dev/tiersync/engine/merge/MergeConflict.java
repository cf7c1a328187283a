package dev.tiersync.engine.merge;

import dev.tiersync.engine.model.ConflictKind;

/**
 * A file a three-way merge could not settle, with the versions that met (by hash; for binary and
 * delete/modify conflicts no markers are written) and, for {@link ConflictKind#INVALID_FRONT_MATTER},
 * the reason (null otherwise). A sync's plan records it, without the hashes, as a {@link
 * dev.tiersync.engine.model.FileConflict} of its artifact.
 */
public record MergeConflict(
    String path,
    ConflictKind kind,
    String baseSha256,
    String oursSha256,
    String theirsSha256,
    String reason) {
  public MergeConflict(
      String path, ConflictKind kind, String baseSha256, String oursSha256, String theirsSha256) {
    this(path, kind, baseSha256, oursSha256, theirsSha256, null);
  }
}
