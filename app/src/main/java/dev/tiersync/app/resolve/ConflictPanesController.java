package dev.tiersync.app.resolve;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/sync/jobs/{job_id}/conflicts/{artifact_id}}: the three panes of a conflict. */
@RestController
class ConflictPanesController {
  private final ConflictPanes panes;

  ConflictPanesController(ConflictPanes panes) {
    this.panes = panes;
  }

  @GetMapping("/api/v1/sync/jobs/{jobId}/conflicts/{artifactId}")
  ConflictPanesView panes(
      @PathVariable String jobId,
      @PathVariable String artifactId,
      @RequestParam(name = "project_path", required = false) String projectPath) {
    return panes.view(jobId, artifactId, projectPath);
  }
}
