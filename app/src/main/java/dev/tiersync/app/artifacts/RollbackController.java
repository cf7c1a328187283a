package dev.tiersync.app.artifacts;

import dev.tiersync.app.jobs.JobStarter;
import dev.tiersync.app.jobs.JobView;
import java.io.IOException;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rolls the collection's or a project's copy of an artifact back to an earlier version of its
 * timeline (docs/api.md, "Rollback"): a job like any other (202 with its status document), a dry
 * run unless {@code dry_run} is false.
 */
@RestController
class RollbackController {
  private final RollbackRequests requests;
  private final JobStarter starter;

  RollbackController(RollbackRequests requests, JobStarter starter) {
    this.requests = requests;
    this.starter = starter;
  }

  @PostMapping(
      path = "/api/v1/artifacts/{id}/rollback",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JobView> rollback(
      @PathVariable String id,
      @RequestBody(required = false) RollbackRequest body,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      Principal principal)
      throws IOException {
    starter.ensureEnabled();
    JobStarter.Created c =
        starter.start(
            requests.validate(id, body), key, principal == null ? null : principal.getName());
    return c.accepted();
  }
}
