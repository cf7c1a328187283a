package dev.tiersync.app.resolve;

import dev.tiersync.app.jobs.JobStarter;
import dev.tiersync.app.jobs.JobView;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/sync/resolve}: answers 202 with a resolve job, like any other job. */
@RestController
class ResolveController {
  private final ResolveService resolve;

  ResolveController(ResolveService resolve) {
    this.resolve = resolve;
  }

  @PostMapping(path = "/api/v1/sync/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JobView> resolve(
      @RequestBody ResolveRequest body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      Principal principal) {
    JobStarter.Created c = resolve.create(body, idempotencyKey, principal == null ? null : principal.getName());
    return c.accepted();
  }
}
