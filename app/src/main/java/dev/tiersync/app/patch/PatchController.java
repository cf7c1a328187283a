package dev.tiersync.app.patch;

import dev.tiersync.activities.PatchActivitiesImpl;
import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.app.jobs.ArtifactIdsField;
import dev.tiersync.app.jobs.JobRecord;
import dev.tiersync.app.jobs.JobStarter;
import dev.tiersync.app.jobs.JobStore;
import dev.tiersync.app.jobs.JobView;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.patch.BundleFormat;
import dev.tiersync.engine.patch.PatchBase;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Patch export (project → upstream): {@code POST /api/v1/sync/patch} starts a patch job; its
 * result carries the bundle's {@code download_url}, served by {@code GET
 * /api/v1/sync/patches/{job_id}/bundle}. tiersync never pushes.
 */
@RestController
class PatchController {
  private final JobStarter jobs;
  private final JobStore store;
  private final ScopeResolver scopes;
  private final TiersyncProperties properties;
  private final Path patchesDir;
  private final PatchExportLimiter limiter;

  PatchController(
      JobStarter jobs, JobStore store, ScopeResolver scopes, TiersyncProperties properties, DataDirectory data,
      PatchExportLimiter limiter) {
    this.limiter = limiter;
    this.jobs = jobs;
    this.store = store;
    this.scopes = scopes;
    this.properties = properties;
    this.patchesDir = data.root().resolve("patches");
  }

  @PostMapping(path = "/api/v1/sync/patch", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JobView> create(
      @RequestBody PatchRequest body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      Principal principal) {
    jobs.ensureEnabled();
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
    String collection = body.collection() == null || body.collection().isBlank() ? "default" : body.collection();
    String projectPath;
    try {
      scopes.collection(collection);
      projectPath = scopes.project(body.projectPath()).projectDir().toString();
    } catch (ScopeResolver.InvalidScopeException e) {
      throw ApiException.badRequest(e.field(), e.getMessage());
    }
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
    JobRequest request =
        new JobRequest(
            null, JobKind.PATCH, Direction.PROJECT_TO_UPSTREAM, ids, collection, projectPath, MergeStrategy.AUTO,
            Map.of(), false, null, null, format.id(), List.of(), List.of(), false, base.id());
    String who = principal == null ? null : principal.getName();
    limiter.acquire(who);
    JobStarter.Created c = jobs.start(request, idempotencyKey, who);
    return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(c.job().statusUrl())).body(c.job());
  }

  @GetMapping("/api/v1/sync/patches/{jobId}/bundle")
  ResponseEntity<Resource> download(@PathVariable String jobId) {
    JobRecord job = store.find(jobId).orElseThrow(() -> ApiException.notFound("no job " + jobId));
    if (!"patch".equals(job.kind())) {
      throw ApiException.notFound("job " + jobId + " is not a patch job");
    }
    for (BundleFormat f : BundleFormat.values()) {
      Path file = PatchActivitiesImpl.bundlePath(patchesDir, jobId, f);
      if (Files.isRegularFile(file)) {
        return ResponseEntity.ok()
            .contentType(f == BundleFormat.ZIP ? MediaType.parseMediaType("application/zip") : MediaType.parseMediaType("application/gzip"))
            .header(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("tiersync-patch-" + jobId + "." + f.id()).build().toString())
            .body(new FileSystemResource(file));
      }
    }
    throw ApiException.notFound("the bundle of job " + jobId + " is not ready (job state: " + job.state() + ")");
  }
}
