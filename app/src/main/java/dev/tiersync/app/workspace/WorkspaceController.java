package dev.tiersync.app.workspace;

import dev.tiersync.app.config.TiersyncProperties;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/workspace}: the collections and projects the UI's selectors offer, and the UI settings. */
@RestController
class WorkspaceController {
  private final WorkspaceReader workspace;

  WorkspaceController(TiersyncProperties properties) {
    this.workspace =
        new WorkspaceReader(
            properties.collections(),
            properties.projectRoots(),
            properties.sync().uiToasts(),
            properties.sync().patchExport().id());
  }

  @GetMapping("/api/v1/workspace")
  WorkspaceView workspace() throws IOException {
    return workspace.read();
  }
}
