package dev.tiersync.engine.sync;

import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.engine.upstream.UpstreamCache;
import dev.tiersync.engine.upstream.UpstreamUnavailableException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Fetches the upstream repositories a set of collection entries names, each one once. */
public final class UpstreamFetches {
  private UpstreamFetches() {}

  /**
   * Fetches each distinct repository of {@code entries} once; the ones that cannot be reached go
   * into {@code failures} (repository → reason). An entry whose upstream keys break a rule has
   * nothing to fetch: reading it reports the broken keys.
   */
  public static void fetchEach(
      UpstreamCache upstreams, Collection<ManifestArtifact> entries, Map<String, String> failures) {
    Set<String> repositories = new LinkedHashSet<>();
    for (ManifestArtifact entry : entries) {
      try {
        entry.upstreamSpec().map(UpstreamSpec::repository).ifPresent(repositories::add);
      } catch (InvalidTierFileException e) {
        // Nothing to fetch for this entry.
      }
    }
    for (String repository : repositories) {
      try {
        upstreams.fetch(repository, null);
      } catch (UpstreamUnavailableException e) {
        failures.put(repository, e.getMessage());
      }
    }
  }
}
