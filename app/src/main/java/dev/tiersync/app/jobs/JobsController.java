package dev.tiersync.app.jobs;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.model.Direction;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The jobs API: create, read, list and cancel sync jobs, and the SSE stream of transitions. */
@RestController
@RequestMapping("/api/v1/sync")
class JobsController {
  private static final int MAX_PAGE = 200;

  private final SyncRequestValidator validator;
  private final JobStarter starter;
  private final JobReader reader;
  private final JobCanceller canceller;
  private final JobEventStream events;

  JobsController(
      SyncRequestValidator validator,
      JobStarter starter,
      JobReader reader,
      JobCanceller canceller,
      JobEventStream events) {
    this.validator = validator;
    this.starter = starter;
    this.reader = reader;
    this.canceller = canceller;
    this.events = events;
  }

  @PostMapping(path = "/jobs", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JobView> create(
      @RequestBody CreateJobRequest body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      Principal principal) {
    // The kill switch answers before the body is looked at: with job creation off, every create
    // is a 503.
    starter.ensureEnabled();
    JobStarter.Created c =
        starter.start(validator.validate(body), idempotencyKey, principal == null ? null : principal.getName());
    return c.accepted();
  }

  @GetMapping("/jobs/{id}")
  JobView get(@PathVariable String id) {
    return reader.get(id).orElseThrow(() -> ApiException.notFound("no job " + id));
  }

  @GetMapping("/jobs")
  JobReader.Page list(
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String direction,
      @RequestParam(required = false) String artifact,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw ApiException.badRequest("limit", "limit must be between 1 and " + MAX_PAGE);
    }
    if (offset < 0) {
      throw ApiException.badRequest("offset", "offset must be >= 0");
    }
    if (state != null && !JobStates.QUEUED.equals(state) && !JobStates.RUNNING.equals(state) && !JobStates.terminal(state)) {
      throw ApiException.badRequest("state", "state must be one of queued, running, success, conflict, error, canceled");
    }
    if (direction != null && Direction.fromLabel(direction).isEmpty()) {
      throw ApiException.badRequest(
          "direction",
          "direction must be one of upstream_to_collection, collection_to_project,"
              + " project_to_collection, project_to_upstream");
    }
    String label = direction == null ? null : Direction.fromLabel(direction).get().label();
    return reader.list(new JobQuery(state, label, artifact, limit, offset));
  }

  @DeleteMapping("/jobs/{id}")
  ResponseEntity<JobView> cancel(@PathVariable String id) {
    return ResponseEntity.ok(canceller.cancel(id));
  }

  @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events() {
    return events.subscribe();
  }
}
