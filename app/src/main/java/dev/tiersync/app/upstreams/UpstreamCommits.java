package dev.tiersync.app.upstreams;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.CollectionsRoot;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.engine.upstream.CommitRange;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.ResolvedRef;
import dev.tiersync.engine.upstream.UpstreamCache;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import dev.tiersync.engine.upstream.UpstreamUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The upstream commits a collection's artifact is behind: those that changed its path between the
 * collection's {@code resolved_sha} and the head of the ref it follows. The head is resolved from
 * the mirror as the versions answer resolves it ({@link FetchPolicy#IF_MISSING}), so the two
 * counts agree; a fetch it needs is bounded by {@code SYNC_UPSTREAM_TIMEOUT}.
 */
@Component
class UpstreamCommits {
  static final int MAX_LIMIT = 200;

  private final ScopeResolver scopes;
  private final CollectionsRoot collections;
  private final SyncEngine engine;
  private final UpstreamCache upstreams;
  private final Duration fetchLimit;

  UpstreamCommits(
      ScopeResolver scopes,
      SyncEngine engine,
      UpstreamCache upstreams,
      TiersyncProperties properties) {
    this.scopes = scopes;
    this.collections = new CollectionsRoot(properties.collections());
    this.engine = engine;
    this.upstreams = upstreams;
    this.fetchLimit = properties.sync().upstreamTimeout();
  }

  /**
   * @throws ApiException 400 for a bad id, collection name or limit; 404 for an unknown collection
   *     or an artifact the collection does not list; 409 for an artifact without upstream, or an
   *     upstream that lacks its ref or {@code resolved_sha}; 502 / 504 when the upstream cannot be
   *     read / took too long
   */
  UpstreamCommitsView commits(String rawId, String collection, int limit) throws IOException {
    ArtifactId id = artifactId(rawId);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest(
          "limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    TierScope scope = new TierScope(collection(collection), null);
    ManifestArtifact entry =
        engine
            .reader()
            .manifestEntry(scope, id)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "collection '" + scope.collection().name() + "' has no artifact " + id));
    UpstreamSpec spec =
        entry
            .upstreamSpec()
            .orElseThrow(() -> ApiException.conflict(null, id + " has no upstream"));
    String resolvedSha = entry.resolvedSha();
    try {
      ResolvedRef head =
          upstreams.resolve(
              spec.repository(), spec.ref(), FetchPolicy.IF_MISSING, null, fetchLimit);
      if (resolvedSha == null || resolvedSha.isBlank()) {
        return view(id, entry, spec, head, null, null, List.of());
      }
      CommitRange range =
          upstreams.commitsBetween(
              spec.repository(), resolvedSha, head.commitSha(), spec.path(), limit, fetchLimit);
      return view(
          id,
          entry,
          spec,
          head,
          resolvedSha,
          range.total(),
          range.commits().stream().map(CommitView::of).toList());
    } catch (UpstreamRefNotFoundException e) {
      throw ApiException.conflict(null, "the upstream of " + id + " cannot say: " + e.getMessage());
    } catch (UpstreamUnavailableException e) {
      throw UpstreamFailures.of(e);
    }
  }

  private static UpstreamCommitsView view(
      ArtifactId id,
      ManifestArtifact entry,
      UpstreamSpec spec,
      ResolvedRef head,
      String resolvedSha,
      Integer behind,
      List<CommitView> items) {
    return new UpstreamCommitsView(
        id.toString(),
        spec.repository(),
        entry.versionSpec(),
        head.refName(),
        resolvedSha,
        head.commitSha(),
        behind,
        items);
  }

  private static ArtifactId artifactId(String raw) {
    try {
      return ArtifactId.parse(raw);
    } catch (InvalidArtifactIdException e) {
      throw ApiException.badRequest(e.field(), e.getMessage());
    }
  }

  /** The collection; a name that breaks the rules is a 400, one with no folder a 404. */
  private CollectionLayout collection(String name) {
    try {
      return scopes.collection(name);
    } catch (ScopeResolver.InvalidScopeException e) {
      try {
        collections.collection(name);
      } catch (IllegalArgumentException invalidName) {
        throw ApiException.badRequest(e.field(), e.getMessage());
      }
      throw ApiException.notFound(e.getMessage());
    }
  }
}
