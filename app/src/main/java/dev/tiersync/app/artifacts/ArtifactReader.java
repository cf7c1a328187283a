package dev.tiersync.app.artifacts;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import dev.tiersync.engine.status.EdgeStatus;
import dev.tiersync.engine.status.StatusCalculator;
import dev.tiersync.engine.sync.ArtifactSnapshot;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.sync.UpstreamFetches;
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamCache;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import dev.tiersync.engine.upstream.UpstreamUnavailableException;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads artifacts across the tiers for the read API. Upstreams are read from their local mirror
 * ({@link FetchPolicy#IF_MISSING}) unless a refresh is asked for, so browsing does not hit the
 * network on every request. Unlike {@link SyncEngine#snapshot}, an upstream that cannot be read
 * does not fail the request: the collection and project are still read and the reason is reported.
 */
@Component
class ArtifactReader {
  private final SyncEngine engine;
  private final StatusCalculator status;
  private final ScopeResolver scopes;
  private final UpstreamCache upstreams;

  ArtifactReader(
      SyncEngine engine, StatusCalculator status, ScopeResolver scopes, UpstreamCache upstreams) {
    this.engine = engine;
    this.status = status;
    this.scopes = scopes;
    this.upstreams = upstreams;
  }

  /** The tiers a request names; a bad collection or project path is a 400 naming the field. */
  TierScope scope(String collection, String projectPath) {
    try {
      return scopes.resolve(collection, projectPath);
    } catch (ScopeResolver.InvalidScopeException e) {
      throw ApiException.badRequest(e.field(), e.getMessage());
    }
  }

  /** Parses an artifact id taken from the URL path (which Spring has already decoded once). */
  static ArtifactId artifactId(String value) {
    try {
      return ArtifactId.parse(value);
    } catch (InvalidArtifactIdException e) {
      throw ApiException.badRequest(e.field(), e.getMessage());
    }
  }

  /**
   * Fetches each distinct upstream repository of these entries once; the ones that cannot be
   * reached go into {@code failures} (repository → reason), so later reads skip them.
   */
  void refresh(Collection<ManifestArtifact> entries, Map<String, String> failures) {
    UpstreamFetches.fetchEach(upstreams, entries, failures);
  }

  /**
   * Reads every version of an artifact and the status of both edges.
   *
   * @param failures repositories found unreachable earlier in the same request (repository →
   *     reason); they are not asked again, and a newly unreachable one is added
   */
  TierRead read(TierScope scope, ArtifactId id, Map<String, String> failures) throws IOException {
    List<InvalidEntry> invalid = engine.reader().invalidEntries(scope, id);
    if (!invalid.isEmpty()) {
      return inError(scope, id, invalid);
    }
    ManifestArtifact entry = engine.reader().manifestEntry(scope, id).orElse(null);
    String repository;
    try {
      repository = entry == null ? null : repository(entry).orElse(null);
    } catch (InvalidTierFileException e) {
      return withoutUpstream(scope, id, entry, "collection.toml: " + e.getMessage());
    }
    if (repository != null && failures.containsKey(repository)) {
      return withoutUpstream(scope, id, entry, failures.get(repository));
    }
    try {
      return new TierRead(engine.snapshot(scope, id, FetchPolicy.IF_MISSING), entry, null);
    } catch (UpstreamUnavailableException e) {
      failures.put(repository, e.getMessage());
      return withoutUpstream(scope, id, entry, e.getMessage());
    } catch (UpstreamRefNotFoundException e) {
      return withoutUpstream(scope, id, entry, e.getMessage());
    }
  }

  private static Optional<String> repository(ManifestArtifact entry) {
    return entry.upstreamSpec().map(UpstreamSpec::repository);
  }

  /**
   * An artifact named by a tier-file entry that breaks a rule: only its versions on disk, which are
   * at the path its (valid) id gives; nothing is read from its entries.
   */
  private TierRead inError(TierScope scope, ArtifactId id, List<InvalidEntry> invalid)
      throws IOException {
    TierReader tiers = engine.reader();
    ArtifactSnapshot snapshot =
        new ArtifactSnapshot(
            id, null, tiers.collection(scope, id), tiers.project(scope, id), null, null, null);
    return new TierRead(snapshot, null, null, invalid);
  }

  /** The snapshot {@link SyncEngine#snapshot} would give, less the upstream and its edge. */
  private TierRead withoutUpstream(
      TierScope scope, ArtifactId id, ManifestArtifact entry, String upstreamError)
      throws IOException {
    TierReader tiers = engine.reader();
    ArtifactTree collection = tiers.collection(scope, id);
    ArtifactTree project = null;
    ArtifactTree projectBase = null;
    EdgeStatus collectionToProject = null;
    if (scope.hasProject()) {
      project = tiers.project(scope, id);
      projectBase = tiers.projectBase(scope, id, collection, project);
      collectionToProject = status.edge(collection, project, projectBase);
    }
    ArtifactSnapshot snapshot =
        new ArtifactSnapshot(id, null, collection, project, projectBase, null, collectionToProject);
    return new TierRead(snapshot, entry, upstreamError);
  }
}
