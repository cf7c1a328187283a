package dev.tiersync.app.workspace;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/workspace}: what the UI offers in its selectors, and its
 * settings.
 *
 * @param collections the names of the collections under {@code TIERSYNC_COLLECTIONS}, sorted
 * @param projects the projects found under {@code TIERSYNC_PROJECT_ROOTS}
 * @param uiToasts whether the UI shows a toast when a job ends ({@code SYNC_UI_TOASTS})
 * @param patchFormat the default patch bundle format ({@code SYNC_PATCH_EXPORT})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WorkspaceView(
    List<String> collections, List<Project> projects, boolean uiToasts, String patchFormat) {

  /**
   * A project folder.
   *
   * @param name the folder's name
   * @param path its absolute real path, as {@code project_path} takes it
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Project(String name, String path) {}
}
