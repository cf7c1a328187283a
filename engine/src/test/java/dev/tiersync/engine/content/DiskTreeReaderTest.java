package dev.tiersync.engine.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading an artifact from disk: modes, links, nested folders and the excluded paths. */
class DiskTreeReaderTest {
  @TempDir Path dir;
  private final DiskTreeReader reader = new DiskTreeReader(new HashCache());

  @Test
  void folder_readsEveryFileWithItsMode_linksUnfollowed_andSkipsExcludedPaths() throws Exception {
    Path skill = Files.createDirectories(dir.resolve("skill"));
    Files.writeString(skill.resolve("SKILL.md"), "# skill\n");
    Path run = Files.writeString(Files.createDirectories(skill.resolve("bin/deep")).resolve("run.sh"), "echo hi\n");
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(skill.resolve("link.md"), Path.of("SKILL.md"));
    Files.writeString(Files.createDirectories(skill.resolve(".git")).resolve("HEAD"), "ref\n");
    Files.writeString(skill.resolve(".DS_Store"), "x");

    ArtifactTree tree = reader.read(skill).orElseThrow();

    assertThat(tree.isSingleFile()).isFalse();
    assertThat(tree.files().keySet()).containsExactly("SKILL.md", "bin/deep/run.sh", "link.md");
    assertThat(tree.files().get("SKILL.md").mode()).isEqualTo(FileMode.REGULAR);
    assertThat(tree.files().get("bin/deep/run.sh").mode()).isEqualTo(FileMode.EXECUTABLE);
    assertThat(tree.files().get("link.md").mode()).isEqualTo(FileMode.SYMLINK);
    assertThat(tree.files().get("SKILL.md").sha256()).isEqualTo(HashCache.digest(skill.resolve("SKILL.md")));
  }

  @Test
  void singleFile_andNothingThere() throws Exception {
    Path agent = Files.writeString(dir.resolve("agent.md"), "agent\n");
    Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwx------"));

    ArtifactTree tree = reader.read(agent).orElseThrow();

    assertThat(tree.isSingleFile()).isTrue();
    assertThat(tree.files().get("agent.md").mode()).isEqualTo(FileMode.EXECUTABLE);
    assertThat(reader.read(dir.resolve("absent"))).isEmpty();
  }
}
