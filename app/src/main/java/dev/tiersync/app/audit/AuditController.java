package dev.tiersync.app.audit;

import dev.tiersync.app.api.ApiException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit}: who started which job, with the hashes it changed, newest first. */
@RestController
class AuditController {
  private final AuditLog audit;

  AuditController(AuditLog audit) {
    this.audit = audit;
  }

  record Page(List<AuditEntry> items, int limit, int offset) {}

  @GetMapping("/api/v1/audit")
  Page list(
      @RequestParam(required = false) String artifact,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > 500) {
      throw ApiException.badRequest("limit", "limit must be between 1 and 500");
    }
    if (offset < 0) {
      throw ApiException.badRequest("offset", "offset must be >= 0");
    }
    return new Page(audit.read(artifact, limit, offset), limit, offset);
  }
}
