package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders under the project roots are projects, and how deep the search goes. */
class ProjectFinderTest {
  @TempDir Path root;

  @Test
  void find_skipsHiddenAndDependencyFoldersAndDoesNotDescendIntoProjects() throws Exception {
    Files.createDirectories(root.resolve("a/.claude"));
    Files.createDirectories(root.resolve("a/nested/.claude"));
    Files.createDirectories(root.resolve("group/b/.claude"));
    Files.createDirectories(root.resolve(".hidden/c/.claude"));
    Files.createDirectories(root.resolve("node_modules/d/.claude"));
    Files.createDirectories(root.resolve("w/x/y/too-deep/.claude"));

    List<Path> found = new ProjectFinder(List.of(root, root.resolve("missing"))).find();

    assertThat(found).containsExactly(root.resolve("a").toRealPath(), root.resolve("group/b").toRealPath());
  }

  @Test
  void find_rootThatIsAProject_isListed() throws Exception {
    Files.createDirectories(root.resolve(".claude"));

    assertThat(new ProjectFinder(List.of(root)).find()).containsExactly(root.toRealPath());
  }
}
