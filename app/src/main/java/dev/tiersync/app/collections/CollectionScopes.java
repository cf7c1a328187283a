package dev.tiersync.app.collections;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.CollectionsRoot;
import dev.tiersync.engine.tier.ScopeResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The collection (and project) a collection route names, and what it holds, for the checks made
 * before a job is created: a request that cannot succeed is refused without a job.
 */
@Component
class CollectionScopes {
  private final ScopeResolver scopes;
  private final CollectionsRoot collections;
  private final TierReader reader;

  CollectionScopes(ScopeResolver scopes, SyncEngine engine, TiersyncProperties properties) {
    this.scopes = scopes;
    this.collections = new CollectionsRoot(properties.collections());
    this.reader = engine.reader();
  }

  /**
   * The collection of that name with, when given, the project.
   *
   * @throws ApiException 404 for a collection without {@code collection.toml}, 400 naming {@code
   *     collection} or {@code project_path} for a bad name or path
   */
  TierScope existing(String collection, String projectPath) {
    CollectionLayout layout =
        layout(collection == null || collection.isBlank() ? "default" : collection, "collection");
    if (!Files.isRegularFile(layout.manifestFile())) {
      throw new ApiException(
          HttpStatus.NOT_FOUND, "collection",
          "collection '" + layout.name() + "' does not exist (no "
              + CollectionLayout.MANIFEST_FILE + ")");
    }
    try {
      return scopes.resolve(layout.name(), projectPath);
    } catch (ScopeResolver.InvalidScopeException e) {
      throw ApiException.badRequest(e.field(), e.getMessage());
    }
  }

  /**
   * The folder a collection of that name has, whether or not it exists.
   *
   * @throws ApiException 400 naming {@code field} for a name that cannot be a folder's
   */
  CollectionLayout layout(String name, String field) {
    try {
      return collections.collection(name);
    } catch (InvalidArtifactIdException e) {
      throw ApiException.badRequest(field, e.getMessage());
    }
  }

  TierScope existing(String collection) {
    return existing(collection, null);
  }

  /** @throws ApiException 409 naming {@code field} when the collection lists or holds it */
  void requireAbsent(TierScope scope, ArtifactId id, String field) {
    if (listed(scope, id) || read(() -> reader.collection(scope, id) != null)) {
      throw ApiException.conflict(
          field, id + " is already in collection " + scope.collection().name());
    }
  }

  /** @throws ApiException 404 when the collection neither lists nor holds it */
  void requirePresent(TierScope scope, ArtifactId id) {
    if (!listed(scope, id) && !read(() -> reader.collection(scope, id) != null)) {
      throw ApiException.notFound(id + " is not in collection " + scope.collection().name());
    }
  }

  boolean listed(TierScope scope, ArtifactId id) {
    return read(
        () -> reader.manifestEntry(scope, id).isPresent() || !reader.invalidEntries(scope, id).isEmpty());
  }

  boolean hasUpstream(TierScope scope, ArtifactId id) {
    return read(() -> reader.manifestEntry(scope, id).map(e -> e.upstream() != null).orElse(false));
  }

  boolean inProject(TierScope scope, ArtifactId id) {
    return read(() -> reader.project(scope, id) != null || reader.deployed(scope, id).isPresent());
  }

  private interface Read<T> {
    T get() throws IOException;
  }

  private static <T> T read(Read<T> read) {
    try {
      return read.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
