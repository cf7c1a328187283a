package dev.tiersync.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code GET /api/v1/workspace} answers: collections, projects found under the roots, UI settings. */
class WorkspaceReaderTest {
  @TempDir Path root;

  @Test
  void read_listsCollectionsProjectsAndUiSettings() throws Exception {
    Path collections = root.resolve("collections");
    Files.createDirectories(collections.resolve("team"));
    Files.writeString(collections.resolve("team/collection.toml"), "[collection]\nname = \"team\"\n");
    Files.createDirectories(collections.resolve("default"));
    Files.writeString(collections.resolve("default/collection.toml"), "[collection]\nname = \"default\"\n");
    Files.createDirectories(collections.resolve("not-a-collection"));
    Path projects = root.resolve("projects");
    Files.createDirectories(projects.resolve("web/.claude"));

    WorkspaceView view = new WorkspaceReader(collections, List.of(projects), false, "zip").read();

    assertThat(view.collections()).containsExactly("default", "team");
    assertThat(view.projects())
        .containsExactly(new WorkspaceView.Project("web", projects.resolve("web").toRealPath().toString()));
    assertThat(view.uiToasts()).isFalse();
    assertThat(view.patchFormat()).isEqualTo("zip");
  }
}
