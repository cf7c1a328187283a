package dev.tiersync.app.collections;

import dev.tiersync.app.jobs.JobStarter;
import dev.tiersync.app.jobs.JobView;
import dev.tiersync.workflows.jobs.JobRequest;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The collection lifecycle (docs/api.md, "Collections"): create a collection, add artifacts from
 * an upstream, pin, remove, undeploy and adopt. Every route starts a job (202 with its status
 * document) after checking that it can succeed; a dry run unless {@code dry_run} is false.
 */
@RestController
class CollectionsController {
  private final ChangeRequests changes;
  private final AddRequests adds;
  private final JobStarter starter;

  CollectionsController(ChangeRequests changes, AddRequests adds, JobStarter starter) {
    this.changes = changes;
    this.adds = adds;
    this.starter = starter;
  }

  @PostMapping(path = "/api/v1/collections", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JobView> create(
      @RequestBody(required = false) CollectionRequests.Create body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      Principal principal) {
    starter.ensureEnabled();
    return started(changes.create(body), key, principal);
  }

  @PostMapping(
      path = "/api/v1/collections/{name}/artifacts",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JobView> add(
      @PathVariable String name,
      @RequestBody(required = false) CollectionRequests.Add body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      Principal principal) {
    starter.ensureEnabled();
    return started(adds.validate(name, body), key, principal);
  }

  @PatchMapping(
      path = "/api/v1/collections/{name}/artifacts/{id}",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JobView> pin(
      @PathVariable String name,
      @PathVariable String id,
      @RequestBody(required = false) CollectionRequests.Pin body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      Principal principal) {
    starter.ensureEnabled();
    return started(changes.pin(name, id, body), key, principal);
  }

  @DeleteMapping("/api/v1/collections/{name}/artifacts/{id}")
  ResponseEntity<JobView> remove(
      @PathVariable String name,
      @PathVariable String id,
      @RequestParam(name = "dry_run", required = false) Boolean dryRun,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      Principal principal) {
    starter.ensureEnabled();
    return started(changes.remove(name, id, dryRun), key, principal);
  }

  @PostMapping(path = "/api/v1/sync/undeploy", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JobView> undeploy(
      @RequestBody(required = false) CollectionRequests.Undeploy body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      Principal principal) {
    starter.ensureEnabled();
    return started(changes.undeploy(body), key, principal);
  }

  @PostMapping(
      path = "/api/v1/collections/{name}/adopt",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JobView> adopt(
      @PathVariable String name,
      @RequestBody(required = false) CollectionRequests.Adopt body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      Principal principal) {
    starter.ensureEnabled();
    return started(changes.adopt(name, body), key, principal);
  }

  private ResponseEntity<JobView> started(JobRequest request, String key, Principal principal) {
    JobStarter.Created c =
        starter.start(request, key, principal == null ? null : principal.getName());
    return c.accepted();
  }
}
