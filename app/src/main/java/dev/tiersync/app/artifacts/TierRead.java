package dev.tiersync.app.artifacts;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.sync.ArtifactSnapshot;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.InvalidEntry;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * One artifact's versions as the read API sees them.
 *
 * @param snapshot the versions and edge statuses; its upstream is null when the artifact has none
 *     or when the upstream could not be read
 * @param entry the artifact's {@code collection.toml} entry, or null when it is not listed there
 * @param upstreamError why the upstream could not be read, or null when it was (or there is none)
 * @param invalid the entries of the artifact in {@code collection.toml} or the tracking file that
 *     break a rule; when there is one, the artifact is in error: the snapshot holds only what is on
 *     disk (no upstream, no base, no edge status)
 */
record TierRead(
    ArtifactSnapshot snapshot,
    ManifestArtifact entry,
    String upstreamError,
    List<InvalidEntry> invalid) {

  TierRead(ArtifactSnapshot snapshot, ManifestArtifact entry, String upstreamError) {
    this(snapshot, entry, upstreamError, List.of());
  }

  /** Whether an entry of the artifact in a tier file breaks a rule. */
  boolean inError() {
    return !invalid.isEmpty();
  }

  /** Why the artifact is in error (every bad entry, {@code ; }-separated), or null. */
  String error() {
    return inError()
        ? invalid.stream().map(InvalidEntry::message).collect(Collectors.joining("; "))
        : null;
  }

  /** The 409 for a request that needs a tier-file entry of an artifact in error. */
  ApiException entryConflict(String what) {
    return ApiException.conflict(
        null, what + " of " + snapshot.id() + " is unknown: " + error());
  }

  /** A version's content hash, or null for an absent version. */
  static String hash(ArtifactTree tree) {
    return tree == null ? null : tree.contentHash();
  }

  ArtifactTree upstreamTree() {
    return snapshot.upstream() == null ? null : snapshot.upstream().tree();
  }

  /**
   * This read, if some tier has the artifact (or a tier file names it in an entry that breaks a
   * rule: it is listed, in error).
   *
   * @throws ApiException 404 when no tier has it, 502 when only the unreadable upstream might
   */
  TierRead requireFound() {
    if (inError()) {
      return this;
    }
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
