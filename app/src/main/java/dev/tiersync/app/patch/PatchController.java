package dev.tiersync.app.patch;

import dev.tiersync.activities.PatchActivitiesImpl;
import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.app.jobs.JobRecord;
import dev.tiersync.app.jobs.JobStarter;
import dev.tiersync.app.jobs.JobStore;
import dev.tiersync.app.jobs.JobView;
import dev.tiersync.engine.patch.BundleFormat;
import dev.tiersync.workflows.jobs.JobRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
 * /api/v1/sync/patches/{job_id}/bundle}. tiersync never pushes. The project may be {@code
 * host:path} on a host of {@code TIERSYNC_HOSTS} (docs/agents.md).
 */
@RestController
class PatchController {
  private final JobStarter jobs;
  private final JobStore store;
  private final PatchRequestValidator validator;
  private final Path patchesDir;
  private final PatchExportLimiter limiter;

  PatchController(
      JobStarter jobs, JobStore store, PatchRequestValidator validator, DataDirectory data,
      PatchExportLimiter limiter) {
    this.limiter = limiter;
    this.jobs = jobs;
    this.store = store;
    this.validator = validator;
    this.patchesDir = data.root().resolve("patches");
  }

  @PostMapping(path = "/api/v1/sync/patch", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JobView> create(
      @RequestBody PatchRequest body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      Principal principal) {
    jobs.ensureEnabled();
    JobRequest request = validator.validate(body);
    String who = principal == null ? null : principal.getName();
    limiter.acquire(who);
    JobStarter.Created c = jobs.start(request, idempotencyKey, who);
    return c.accepted();
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
