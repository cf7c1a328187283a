package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path tmp;

  @Test
  void write_newFile_createsParentFolders() throws IOException {
    Path target = tmp.resolve("a/b/collection.toml");

    AtomicFiles.write(target, "x = 1\n".getBytes(StandardCharsets.UTF_8));

    assertThat(target).hasContent("x = 1");
    assertThat(siblings(target.getParent())).containsExactly("collection.toml");
  }

  @Test
  void removeStaleTemps_removesOnlyTheTargetsLeftoverTempFiles() throws IOException {
    Path target = Fixtures.write(tmp.resolve("collection.toml"), "x = 1\n");
    Fixtures.write(tmp.resolve(".collection.toml.123456.tmp"), "half-written");
    Fixtures.write(tmp.resolve(".collection.lock.99.tmp"), "another file's temp");
    Fixtures.write(tmp.resolve("notes.tmp"), "a user's file");

    assertThat(AtomicFiles.removeStaleTemps(target)).isEqualTo(1);

    assertThat(siblings(tmp))
        .containsExactlyInAnyOrder("collection.toml", ".collection.lock.99.tmp", "notes.tmp");
    assertThat(target).hasContent("x = 1");
  }

  @Test
  void write_existingFile_replacesContentAndKeepsPermissions() throws IOException {
    Path target = Fixtures.write(tmp.resolve("collection.lock"), "old\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));

    AtomicFiles.write(target, "new\n".getBytes(StandardCharsets.UTF_8));

    assertThat(target).hasContent("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r-----");
  }

  @Test
  void write_symlinkedTarget_rewritesTheLinkedFileAndKeepsTheLink() throws IOException {
    Path real = Fixtures.write(tmp.resolve("dotfiles/collection.toml"), "old\n");
    Path link = Files.createSymbolicLink(tmp.resolve("collection.toml"), real);

    AtomicFiles.write(link, "new\n".getBytes(StandardCharsets.UTF_8));

    assertThat(link).isSymbolicLink();
    assertThat(real).hasContent("new");
  }

  @Test
  void write_failingMidway_leavesOldFileAndNoTempFile() throws IOException {
    Path target = Fixtures.write(tmp.resolve("collection.toml"), "old content\n");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write("new cont".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");

    assertThat(target).hasContent("old content");
    assertThat(siblings(tmp)).containsExactly("collection.toml");
  }

  @Test
  void write_renameFails_leavesNoTempFile() throws IOException {
    Path target = tmp.resolve("taken");
    Files.createDirectories(target.resolve("child"));

    assertThatThrownBy(() -> AtomicFiles.write(target, new byte[] {1}))
        .isInstanceOf(IOException.class);

    assertThat(target.resolve("child")).isDirectory();
    assertThat(siblings(tmp)).containsExactly("taken");
  }

  private static List<String> siblings(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
