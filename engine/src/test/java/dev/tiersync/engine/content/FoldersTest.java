package dev.tiersync.engine.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersTest {
  @TempDir Path tmp;

  @Test
  void deleteRecursively_removesTheTreeButNotWhatALinkInsidePointsTo() throws Exception {
    Path outside = Files.writeString(tmp.resolve("keep.txt"), "keep\n");
    Path dir = Files.createDirectories(tmp.resolve("doomed/a/b"));
    Files.writeString(dir.resolve("x.txt"), "x\n");
    Files.createSymbolicLink(tmp.resolve("doomed/link"), outside);

    Folders.deleteRecursively(tmp.resolve("doomed"));

    assertThat(tmp.resolve("doomed")).doesNotExist();
    assertThat(outside).hasContent("keep");
  }

  @Test
  void deleteRecursively_missingFolder_isANoOp() throws Exception {
    Folders.deleteRecursively(tmp.resolve("absent"));

    assertThat(tmp).isEmptyDirectory();
  }
}
