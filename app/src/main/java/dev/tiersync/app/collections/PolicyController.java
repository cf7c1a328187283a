package dev.tiersync.app.collections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.artifacts.PolicyView;
import java.io.IOException;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An artifact's hold and auto-update policy (docs/api.md, "Hold and auto-update"): written at
 * once, not as a job, so it answers 200 with the policy rather than 202 with a job.
 */
@RestController
class PolicyController {
  private final PolicyChanges changes;

  PolicyController(PolicyChanges changes) {
    this.changes = changes;
  }

  @PutMapping(
      path = "/api/v1/collections/{name}/artifacts/{id}/policy",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  PolicyView put(
      @PathVariable String name,
      @PathVariable String id,
      @RequestBody(required = false) JsonNode body,
      Principal principal)
      throws IOException {
    return changes.put(name, id, body, principal == null ? null : principal.getName());
  }
}
