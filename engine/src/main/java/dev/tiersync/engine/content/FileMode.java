package dev.tiersync.engine.content;

/** How a file of an artifact is stored; mirrors the Git modes tiersync preserves. */
public enum FileMode {
  REGULAR,
  EXECUTABLE,
  SYMLINK
}
