package dev.tiersync.engine.browse;

import dev.tiersync.engine.upstream.FoundArtifact;
import dev.tiersync.engine.upstream.ResolvedRef;
import java.util.List;

/**
 * What an upstream holds at a commit.
 *
 * @param location the URL as read: repository, folder
 * @param ref what the ref asked for resolved to (branch, tag or commit, and its commit)
 * @param artifacts the artifacts at or under the folder, in tree order
 */
public record UpstreamListing(
    UpstreamLocation location, ResolvedRef ref, List<FoundArtifact> artifacts) {
  public UpstreamListing {
    artifacts = List.copyOf(artifacts);
  }
}
