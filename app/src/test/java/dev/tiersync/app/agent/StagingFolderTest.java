package dev.tiersync.app.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingFolderTest {
  @TempDir Path root;

  @Test
  void claim_removesWhatGoneAgentsLeft_andKeepsALiveAgentsFolder() throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      Path live = Files.createDirectories(root.resolve(Long.toString(other.pid())));
      Files.writeString(live.resolve("upload-1.tar"), "in flight");
      Process gone = new ProcessBuilder("true").start();
      gone.waitFor();
      Path dead = Files.createDirectories(root.resolve(Long.toString(gone.pid())));
      Files.writeString(dead.resolve("upload-2.tar"), "left behind by a kill -9");
      Path older = Files.createDirectories(root.resolve("download-123"));
      Files.writeString(older.resolve("0"), "left by an agent before folders per process");

      Path mine = StagingFolder.claim(root);

      assertThat(mine).isEqualTo(root.resolve(Long.toString(ProcessHandle.current().pid())));
      assertThat(live.resolve("upload-1.tar")).hasContent("in flight");
      assertThat(dead).doesNotExist();
      assertThat(older).doesNotExist();
    } finally {
      other.destroyForcibly().waitFor();
    }
  }

  @Test
  void claim_ofAMissingRoot_createsNothing() throws Exception {
    Path missing = root.resolve("objects-staging");

    assertThat(StagingFolder.claim(missing).getParent()).isEqualTo(missing);
    assertThat(missing).doesNotExist();
  }
}
