package dev.tiersync.app.patch;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.app.hosts.HostAddresses;
import dev.tiersync.app.jobs.ArtifactIdsField;
import dev.tiersync.app.jobs.RequestValues;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.patch.BundleFormat;
import dev.tiersync.engine.patch.PatchBase;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Checks the body of {@code POST /api/v1/sync/patch} and turns it into the canonical patch request
 * (defaults filled in, ids de-duplicated, the project resolved to its real folder, or to its
 * canonical {@code host:path} for a project on a host of {@code TIERSYNC_HOSTS}), the form whose
 * hash the idempotency check compares.
 */
@Component
class PatchRequestValidator {
  private final ScopeResolver scopes;
  private final HostAddresses hosts;
  private final TiersyncProperties properties;

  PatchRequestValidator(ScopeResolver scopes, HostAddresses hosts, TiersyncProperties properties) {
    this.scopes = scopes;
    this.hosts = hosts;
    this.properties = properties;
  }

  /**
   * The canonical request, without job id and trace id.
   *
   * @throws ApiException 400 naming the field at fault
   */
  JobRequest validate(PatchRequest body) {
    if (body == null) {
      throw ApiException.badRequest(null, "request body is required");
    }
    if (body.artifactIds() == null || body.artifactIds().isEmpty()) {
      throw ApiException.badRequest("artifact_ids", "artifact_ids must list at least one artifact");
    }
    List<String> ids = ArtifactIdsField.parse(body.artifactIds());
    if (body.projectPath() == null || body.projectPath().isBlank()) {
      throw ApiException.badRequest("project_path", "project_path is required: the patch exports the project's versions");
    }
    // A project on a host is read there by its agent (docs/agents.md).
    Optional<String> hosted = hosts.hosted(body.projectPath(), "project_path");
    RequestValues.Scope scope =
        RequestValues.scope(
            scopes, Direction.PROJECT_TO_UPSTREAM, body.collection(),
            hosted.isPresent() ? null : body.projectPath(), hosted.orElse(null));
    BundleFormat format;
    try {
      format =
          body.format() == null || body.format().isBlank()
              ? properties.sync().patchExport()
              : BundleFormat.fromId(body.format());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("format", "format must be tar.gz or zip");
    }
    PatchBase base;
    try {
      base = PatchBase.fromId(body.base());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("base", "base must be local_changes or upstream_head");
    }
    return new JobRequest(
        null, JobKind.PATCH, Direction.PROJECT_TO_UPSTREAM, ids, scope.collection(), scope.projectPath(),
        MergeStrategy.AUTO, Map.of(), false, null, null, format.id(), List.of(), List.of(), false, base.id());
  }
}
