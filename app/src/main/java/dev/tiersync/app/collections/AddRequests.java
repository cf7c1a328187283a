package dev.tiersync.app.collections;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.browse.UpstreamLocation;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactLayout;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.model.CollectionChange;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Checks the body of an add and turns it into the canonical add request: one {@link
 * CollectionChange} per artifact, each with its type and name (given, or read from its path by
 * SPEC's layout), the repository and the ref it follows.
 */
@Component
class AddRequests {
  static final int MAX_ARTIFACTS = 200;

  private final CollectionScopes scopes;

  AddRequests(CollectionScopes scopes) {
    this.scopes = scopes;
  }

  /**
   * @throws ApiException 400 naming the field at fault, 404 for an unknown collection, 409 for an
   *     artifact the collection already has
   */
  JobRequest validate(String collection, CollectionRequests.Add body) {
    if (body == null) {
      throw ApiException.badRequest(null, "request body is required");
    }
    TierScope scope = scopes.existing(collection);
    UpstreamLocation upstream = UpstreamFields.upstream("upstream", body.upstream(), body.ref());
    String versionSpec =
        UpstreamFields.ref("ref", body.ref(), upstream.ref() == null ? UpstreamSpec.LATEST : upstream.ref());
    List<Located> items = items(body);
    String repoName = upstream.repositoryName();
    List<CollectionChange> changes = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Located item : items) {
      String path = joined(upstream.folder(), UpstreamFields.repositoryPath(item.field("path"), item.item().path()));
      ArtifactId id = id(item, path, repoName);
      if (!seen.add(id.toString())) {
        throw ApiException.badRequest(item.field("name"), id + " is named twice in this request");
      }
      scopes.requireAbsent(scope, id, item.field("name"));
      changes.add(new CollectionChange(id.toString(), upstream.repository(), path, versionSpec));
    }
    return new JobRequest(
        null, JobKind.ADD, Direction.UPSTREAM_TO_COLLECTION, List.copyOf(seen),
        scope.collection().name(), null, MergeStrategy.AUTO, Map.of(),
        CollectionRequests.dryRun(body.dryRun()), null, null, null, List.of(), changes, false, null);
  }

  /** An item and the prefix of its fields' names ({@code artifacts[2].} or none). */
  private record Located(CollectionRequests.Item item, String prefix) {
    String field(String name) {
      return prefix + name;
    }
  }

  private static List<Located> items(CollectionRequests.Add body) {
    boolean single = body.path() != null || body.type() != null || body.name() != null;
    if (single && body.artifacts() != null) {
      throw ApiException.badRequest(
          "artifacts", "give either path (with type and name) or artifacts, not both");
    }
    if (!single) {
      if (body.artifacts() == null || body.artifacts().isEmpty()) {
        throw ApiException.badRequest("artifacts", "path or artifacts is required: what to add");
      }
      if (body.artifacts().size() > MAX_ARTIFACTS) {
        throw ApiException.badRequest(
            "artifacts", "at most " + MAX_ARTIFACTS + " artifacts per request");
      }
      List<Located> out = new ArrayList<>();
      for (int i = 0; i < body.artifacts().size(); i++) {
        CollectionRequests.Item item = body.artifacts().get(i);
        if (item == null) {
          throw ApiException.badRequest("artifacts[" + i + "]", "artifacts[" + i + "] must be an object");
        }
        out.add(new Located(item, "artifacts[" + i + "]."));
      }
      return out;
    }
    return List.of(new Located(new CollectionRequests.Item(body.path(), body.type(), body.name()), ""));
  }

  private static ArtifactId id(Located item, String path, String repoName) {
    ArtifactType type = null;
    if (item.item().type() != null) {
      type =
          ArtifactType.fromId(item.item().type())
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          item.field("type"),
                          "type must be one of skill, command, agent, hook, mcp; got '"
                              + item.item().type() + "'"));
    }
    // A path outside SPEC's layout is taken for a skill folder; the plan checks it holds SKILL.md.
    ArtifactId byPath = ArtifactLayout.of(path, true, repoName).orElse(null);
    String name = item.item().name() != null ? item.item().name() : byPath == null ? null : byPath.name();
    if (type == null) {
      type = byPath == null ? ArtifactType.SKILL : byPath.type();
    }
    if (name == null) {
      throw ApiException.badRequest(item.field("name"), "name is required: the path names no artifact");
    }
    try {
      return new ArtifactId(type, name);
    } catch (InvalidArtifactIdException e) {
      throw ApiException.badRequest(item.field("name"), e.getMessage());
    }
  }

  /**
   * A path of the request inside the repository. With a GitHub tree URL naming a folder, a path
   * under that folder is taken as given, any other as relative to the folder.
   */
  private static String joined(String prefix, String path) {
    if (path.isEmpty()) {
      return prefix;
    }
    if (prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/")) {
      return path;
    }
    return prefix + "/" + path;
  }
}
