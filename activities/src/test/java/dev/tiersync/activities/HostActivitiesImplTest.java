package dev.tiersync.activities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.workflows.host.HostDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host agent's answers, over real folders. */
class HostActivitiesImplTest {
  @TempDir Path tmp;

  @Test
  void describe_namesHostVersionAndRoots() {
    HostActivitiesImpl agent = new HostActivitiesImpl("ann", "1.2.3", List.of(tmp.resolve("code")));

    assertThat(agent.describe()).isEqualTo(new HostDescription("ann", "1.2.3", List.of(tmp.resolve("code").toString())));
  }

  @Test
  void projects_areTheProjectsUnderTheRootsAtTheTimeOfAsking() throws Exception {
    Path root = tmp.resolve("code");
    Files.createDirectories(root.resolve("web/.claude"));
    Files.createDirectories(root.resolve("notes"));
    HostActivitiesImpl agent = new HostActivitiesImpl("ann", "1.2.3", List.of(root));
    assertThat(agent.projects().projects()).containsExactly(root.resolve("web").toRealPath().toString());

    Files.createDirectories(root.resolve("api/.claude"));

    assertThat(agent.projects().projects())
        .containsExactly(root.resolve("api").toRealPath().toString(), root.resolve("web").toRealPath().toString());
  }
}
