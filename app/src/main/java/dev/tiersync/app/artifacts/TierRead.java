package dev.tiersync.app.artifacts;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.sync.ArtifactSnapshot;
import dev.tiersync.engine.tier.ManifestArtifact;
import org.springframework.http.HttpStatus;

/**
 * One artifact's versions as the read API sees them.
 *
 * @param snapshot the versions and edge statuses; its upstream is null when the artifact has none
 *     or when the upstream could not be read
 * @param entry the artifact's {@code collection.toml} entry, or null when it is not listed there
 * @param upstreamError why the upstream could not be read, or null when it was (or there is none)
 */
record TierRead(ArtifactSnapshot snapshot, ManifestArtifact entry, String upstreamError) {

  /** A version's content hash, or null for an absent version. */
  static String hash(ArtifactTree tree) {
    return tree == null ? null : tree.contentHash();
  }

  ArtifactTree upstreamTree() {
    return snapshot.upstream() == null ? null : snapshot.upstream().tree();
  }

  /**
   * This read, if some tier has the artifact.
   *
   * @throws ApiException 404 when no tier has it, 502 when only the unreadable upstream might
   */
  TierRead requireFound() {
    if (upstreamTree() != null || snapshot.collection() != null || snapshot.project() != null) {
      return this;
    }
    if (upstreamError != null) {
      throw upstreamUnavailable();
    }
    throw ApiException.notFound("no tier has the artifact " + snapshot.id());
  }

  /** The 502 for a request that needs the upstream version when it could not be read. */
  ApiException upstreamUnavailable() {
    return new ApiException(
        HttpStatus.BAD_GATEWAY,
        null,
        "the upstream of " + snapshot.id() + " cannot be read: " + upstreamError);
  }
}
