package dev.tiersync.engine.browse;

import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.ResolvedRef;
import dev.tiersync.engine.upstream.UpstreamCache;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import dev.tiersync.engine.upstream.UpstreamTimeoutException;
import dev.tiersync.engine.upstream.UpstreamUnavailableException;
import java.time.Duration;
import java.util.Objects;

/**
 * Browses an upstream before anything of it is in a collection: reads the URL as a user pastes it
 * ({@link UpstreamLocation}), fetches the repository into its mirror within a time limit, resolves
 * the ref and lists the artifacts found there, each with the commit that last changed it.
 */
public final class UpstreamBrowser {
  private final UpstreamCache upstreams;
  private final Duration fetchLimit;

  /**
   * @param fetchLimit the longest a fetch may take in all ({@code SYNC_UPSTREAM_TIMEOUT})
   */
  public UpstreamBrowser(UpstreamCache upstreams, Duration fetchLimit) {
    this.upstreams = upstreams;
    this.fetchLimit = Objects.requireNonNull(fetchLimit, "fetchLimit");
    if (fetchLimit.isNegative() || fetchLimit.isZero()) {
      throw new IllegalArgumentException("fetchLimit must be positive, was " + fetchLimit);
    }
  }

  /**
   * What {@code url} holds at {@code ref}. The repository is fetched first, so branches are
   * current.
   *
   * @param ref a branch, tag, full or abbreviated commit sha; null or blank: the ref a GitHub tree
   *     URL names, else the default branch
   * @throws InvalidUpstreamUrlException (field {@code url}) if the URL is not one tiersync reads
   * @throws UpstreamRefNotFoundException if the repository has no such ref
   * @throws UpstreamTimeoutException if the fetch took longer than the limit
   * @throws UpstreamUnavailableException if the repository cannot be reached or read
   */
  public UpstreamListing browse(String url, String ref) throws UpstreamUnavailableException {
    UpstreamLocation location = UpstreamLocation.parse(url, ref);
    String wanted = ref == null || ref.isBlank() ? location.ref() : ref.strip();
    ResolvedRef resolved;
    try {
      resolved =
          upstreams.resolve(location.repository(), wanted, FetchPolicy.ALWAYS, null, fetchLimit);
    } catch (IllegalArgumentException e) {
      // The mirror's own reading of the URL (JGit's) is stricter than ours in a few corners.
      throw new InvalidUpstreamUrlException("url", e.getMessage());
    }
    return new UpstreamListing(
        location,
        resolved,
        upstreams.artifacts(
            location.repository(),
            resolved.commitSha(),
            location.folder(),
            location.repositoryName()));
  }
}
