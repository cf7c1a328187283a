package dev.tiersync.engine.upstream;

import dev.tiersync.engine.model.ArtifactId;

/**
 * An artifact found in an upstream repository at a commit.
 *
 * @param path where it is in the repository ({@code ""} for a skill at the root)
 * @param id its type and name, by {@link dev.tiersync.engine.model.ArtifactLayout}
 * @param description its Markdown file's front matter {@code description}, or null
 * @param lastCommit the newest commit at or before the listed one that changed anything at {@code
 *     path}; null only if the history does not reach back to where the path appeared
 */
public record FoundArtifact(
    String path, ArtifactId id, String description, CommitInfo lastCommit) {}
