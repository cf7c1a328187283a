package dev.tiersync.app.collections;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.hosts.HostAddresses;
import dev.tiersync.app.jobs.ArtifactIdsField;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.CollectionChange;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks the bodies of the create, pin, remove, undeploy and adopt routes and turns each into its
 * canonical job request (defaults filled in, paths resolved): the form the idempotency check
 * compares.
 */
@Component
class ChangeRequests {
  private final CollectionScopes scopes;
  private final HostAddresses hosts;

  ChangeRequests(CollectionScopes scopes, HostAddresses hosts) {
    this.hosts = hosts;
    this.scopes = scopes;
  }

  /** @throws ApiException 400 naming {@code name}, 409 when the collection exists */
  JobRequest create(CollectionRequests.Create body) {
    if (body == null || body.name() == null || body.name().isBlank()) {
      throw ApiException.badRequest("name", "name is required: the new collection's name");
    }
    CollectionLayout layout = scopes.layout(body.name(), "name");
    if (Files.exists(layout.manifestFile())) {
      throw ApiException.conflict("name", "collection '" + body.name() + "' already exists");
    }
    return request(
        JobKind.CREATE_COLLECTION, null, List.of(), body.name(), null, body.dryRun(), List.of(),
        false);
  }

  /** @throws ApiException 400 naming {@code version_spec}, 404 unknown, 409 without upstream */
  JobRequest pin(String collection, String rawId, CollectionRequests.Pin body) {
    TierScope scope = scopes.existing(collection);
    ArtifactId id = pathId(rawId);
    if (body == null || body.versionSpec() == null || body.versionSpec().isBlank()) {
      throw ApiException.badRequest(
          "version_spec", "version_spec is required: a branch, tag, commit or latest");
    }
    String spec = UpstreamFields.ref("version_spec", body.versionSpec(), UpstreamSpec.LATEST);
    scopes.requirePresent(scope, id);
    if (!scopes.hasUpstream(scope, id)) {
      throw ApiException.conflict(
          "id", id + " has no upstream in collection.toml; only an artifact with one can be pinned");
    }
    return request(
        JobKind.PIN, Direction.UPSTREAM_TO_COLLECTION, List.of(id.toString()),
        scope.collection().name(), null, body.dryRun(),
        List.of(new CollectionChange(id.toString(), null, null, spec)), false);
  }

  /** @throws ApiException 404 for an artifact the collection does not have */
  JobRequest remove(String collection, String rawId, Boolean dryRun) {
    TierScope scope = scopes.existing(collection);
    ArtifactId id = pathId(rawId);
    scopes.requirePresent(scope, id);
    return request(
        JobKind.REMOVE, null, List.of(id.toString()), scope.collection().name(), null, dryRun,
        List.of(), false);
  }

  /** @throws ApiException 400 naming the field, 404 for an artifact not in the project */
  JobRequest undeploy(CollectionRequests.Undeploy body) {
    if (body == null) {
      throw ApiException.badRequest(null, "request body is required");
    }
    Optional<String> hosted = hosts.hosted(requiredProject(body.projectPath()), "project_path");
    if (hosted.isPresent()) {
      // The project is on its host: whether it has the artifacts is the plan's to find there.
      TierScope scope = scopes.existing(body.collection(), null);
      return request(
          JobKind.UNDEPLOY, Direction.COLLECTION_TO_PROJECT, requiredIds(body.artifactIds()),
          scope.collection().name(), hosted.get(), body.dryRun(), List.of(),
          Boolean.TRUE.equals(body.force()));
    }
    TierScope scope = scopes.existing(body.collection(), requiredProject(body.projectPath()));
    List<String> ids = requiredIds(body.artifactIds());
    for (int i = 0; i < ids.size(); i++) {
      if (!scopes.inProject(scope, ArtifactId.parse(ids.get(i)))) {
        throw new ApiException(
            HttpStatus.NOT_FOUND, "artifact_ids[" + i + "]",
            ids.get(i) + " is not deployed in " + scope.project().projectDir());
      }
    }
    return request(
        JobKind.UNDEPLOY, Direction.COLLECTION_TO_PROJECT, ids, scope.collection().name(),
        scope.project().projectDir().toString(), body.dryRun(), List.of(),
        Boolean.TRUE.equals(body.force()));
  }

  /** @throws ApiException 409 for an artifact the collection has, 404 for one the project lacks */
  JobRequest adopt(String collection, CollectionRequests.Adopt body) {
    if (body == null) {
      throw ApiException.badRequest(null, "request body is required");
    }
    Optional<String> hosted = hosts.hosted(requiredProject(body.projectPath()), "project_path");
    TierScope scope =
        scopes.existing(collection, hosted.isPresent() ? null : requiredProject(body.projectPath()));
    List<String> ids = requiredIds(body.artifactIds());
    for (int i = 0; i < ids.size(); i++) {
      ArtifactId id = ArtifactId.parse(ids.get(i));
      String field = "artifact_ids[" + i + "]";
      // A project on a host is read on the host: an artifact it lacks is that job's skip.
      if (hosted.isEmpty() && !scopes.inProject(scope, id)) {
        throw new ApiException(
            HttpStatus.NOT_FOUND, field,
            id + " is not in " + scope.project().projectDir());
      }
      if (scopes.listed(scope, id)) {
        throw ApiException.conflict(
            field, id + " is already in collection " + scope.collection().name()
                + "; sync it with project_to_collection instead");
      }
      scopes.requireAbsent(scope, id, field);
    }
    return request(
        JobKind.SYNC, Direction.PROJECT_TO_COLLECTION, ids, scope.collection().name(),
        hosted.orElseGet(() -> scope.project().projectDir().toString()), body.dryRun(), List.of(),
        false);
  }

  private static String requiredProject(String projectPath) {
    if (projectPath == null || projectPath.isBlank()) {
      throw ApiException.badRequest("project_path", "project_path is required");
    }
    return projectPath;
  }

  private static List<String> requiredIds(List<String> raw) {
    if (raw == null || raw.isEmpty()) {
      throw ApiException.badRequest("artifact_ids", "artifact_ids must list at least one artifact");
    }
    return ArtifactIdsField.parse(raw);
  }

  /** The {@code {id}} of a route's path; 400 naming {@code id} when it is not {@code type:name}. */
  static ArtifactId pathId(String raw) {
    try {
      return ArtifactId.parse(raw);
    } catch (InvalidArtifactIdException e) {
      throw ApiException.badRequest("id", e.getMessage());
    }
  }

  private static JobRequest request(
      JobKind kind, Direction direction, List<String> ids, String collection, String projectPath,
      Boolean dryRun, List<CollectionChange> changes, boolean force) {
    return new JobRequest(
        null, kind, direction, ids, collection, projectPath, MergeStrategy.AUTO, Map.of(),
        CollectionRequests.dryRun(dryRun), null, null, null, List.of(), changes, force, null);
  }
}
