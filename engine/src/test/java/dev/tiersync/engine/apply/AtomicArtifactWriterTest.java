package dev.tiersync.engine.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.content.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AtomicArtifactWriterTest {
  @TempDir Path dir;

  private final ArtifactTree oldVersion = Trees.folder("SKILL.md", "old\n", "ref/a.md", "a\n");
  private final ArtifactTree newVersion = Trees.folder("SKILL.md", "new\n", "ref/b.md", "b\n");

  @Test
  void write_replacesTheWholeFolderAndRunsTheTrackingStep() throws Exception {
    Path target = dir.resolve("skills/pdf");
    new AtomicArtifactWriter().write(target, oldVersion, () -> {});
    AtomicBoolean tracked = new AtomicBoolean();

    new AtomicArtifactWriter().write(target, newVersion, () -> tracked.set(true));

    assertThat(read(target)).isEqualTo(newVersion.contentHash());
    assertThat(tracked).isTrue();
    assertThat(Files.list(target.getParent())).extracting(p -> p.getFileName().toString()).containsExactly("pdf");
  }

  @ParameterizedTest
  @EnumSource(AtomicArtifactWriter.Stage.class)
  void write_failureAtAnyStage_leavesOldVersionReadableAndHashable(AtomicArtifactWriter.Stage failAt)
      throws Exception {
    Path target = dir.resolve("skills/pdf");
    new AtomicArtifactWriter().write(target, oldVersion, () -> {});

    AtomicArtifactWriter failing =
        new AtomicArtifactWriter(
            stage -> {
              if (stage == failAt) {
                throw new IOException("injected failure at " + stage);
              }
            });

    assertThatThrownBy(() -> failing.write(target, newVersion, () -> {}))
        .hasMessageContaining("injected failure");
    assertThat(read(target)).isEqualTo(oldVersion.contentHash());
    assertThat(Files.list(target.getParent())).extracting(p -> p.getFileName().toString()).containsExactly("pdf");
  }

  @Test
  void write_trackingStepFails_rollsBackToOldVersion() throws Exception {
    Path target = dir.resolve("skills/pdf");
    new AtomicArtifactWriter().write(target, oldVersion, () -> {});

    assertThatThrownBy(
            () ->
                new AtomicArtifactWriter()
                    .write(target, newVersion, () -> {
                      throw new IOException("tracking file is read-only");
                    }))
        .hasMessageContaining("read-only");

    assertThat(read(target)).isEqualTo(oldVersion.contentHash());
  }

  @Test
  void recover_afterCrashBetweenRenames_restoresOldVersion() throws Exception {
    Path target = dir.resolve("skills/pdf");
    new AtomicArtifactWriter().write(target, oldVersion, () -> {});
    // Simulate a process killed after moving the old version aside and before the second rename.
    Files.move(target, AtomicArtifactWriter.asidePath(target));
    Files.createDirectories(target.getParent().resolve(".tiersync-staging.pdf.123"));

    AtomicArtifactWriter.recover(target);

    assertThat(read(target)).isEqualTo(oldVersion.contentHash());
    assertThat(Files.list(target.getParent())).extracting(p -> p.getFileName().toString()).containsExactly("pdf");
  }

  @Test
  void write_singleFileArtifact_andExecutableBit() throws Exception {
    Path target = dir.resolve("commands/review.md");
    ArtifactTree cmd =
        ArtifactTree.singleFile(Trees.file("review.md", "run\n".getBytes(StandardCharsets.UTF_8), FileMode.EXECUTABLE));

    new AtomicArtifactWriter().write(target, cmd, () -> {});

    assertThat(Files.readString(target)).isEqualTo("run\n");
    assertThat(Files.isExecutable(target)).isTrue();
    assertThat(read(target)).isEqualTo(cmd.contentHash());
  }

  @Test
  void write_null_removesTheArtifact() throws Exception {
    Path target = dir.resolve("skills/pdf");
    new AtomicArtifactWriter().write(target, oldVersion, () -> {});
    new AtomicArtifactWriter().write(target, null, () -> {});
    assertThat(target).doesNotExist();
  }

  @Test
  void write_refusesSymlinksLeavingTheArtifact() throws Exception {
    Path target = dir.resolve("skills/pdf");
    new AtomicArtifactWriter().write(target, oldVersion, () -> {});
    ArtifactTree evil =
        ArtifactTree.folder(
            List.of(
                Trees.text("SKILL.md", "x\n"),
                Trees.file("leak", "../../../etc/passwd".getBytes(StandardCharsets.UTF_8), FileMode.SYMLINK)));

    assertThatThrownBy(() -> new AtomicArtifactWriter().write(target, evil, () -> {}))
        .isInstanceOf(SafePaths.UnsafePathException.class);
    assertThat(read(target)).isEqualTo(oldVersion.contentHash());
  }

  /**
   * The tier folder holding the target is renamed by someone else while the write runs (after the
   * staging folder was made beside the target, before or after the old version went aside): the
   * write fails, and neither a staging folder nor an aside copy is left in the moved folder, which
   * still holds the old version under its own name.
   */
  @ParameterizedTest
  @EnumSource(
      value = AtomicArtifactWriter.Stage.class,
      names = {"STAGED", "OLD_MOVED_ASIDE"})
  void write_parentMovedDuringTheJob_leavesNoStagingFolderBehind(AtomicArtifactWriter.Stage moveAt)
      throws Exception {
    Path target = dir.resolve("skills/pdf");
    new AtomicArtifactWriter().write(target, oldVersion, () -> {});
    Path moved = dir.resolve("skills-renamed");
    AtomicArtifactWriter moving =
        new AtomicArtifactWriter(
            stage -> {
              if (stage == moveAt) {
                Files.move(target.getParent(), moved);
              }
            });

    assertThatThrownBy(() -> moving.write(target, newVersion, () -> {})).isInstanceOf(IOException.class);

    assertThat(namesUnder(dir)).noneMatch(n -> n.startsWith(".tiersync-"));
    assertThat(Files.list(moved)).extracting(p -> p.getFileName().toString()).containsExactly("pdf");
    assertThat(read(moved.resolve("pdf"))).isEqualTo(oldVersion.contentHash());
  }

  @Test
  void write_parentMovedAndRecreated_singleFileStagingIsRemovedFromTheMovedFolder() throws Exception {
    Path target = dir.resolve("commands/review.md");
    ArtifactTree cmd = ArtifactTree.singleFile(Trees.text("review.md", "run\n"));
    Path moved = dir.resolve("commands.bak");
    AtomicArtifactWriter moving =
        new AtomicArtifactWriter(
            stage -> {
              if (stage == AtomicArtifactWriter.Stage.STAGED) {
                Files.move(target.getParent(), moved);
                Files.createDirectories(target.getParent());
              }
            });

    assertThatThrownBy(() -> moving.write(target, cmd, () -> {})).isInstanceOf(IOException.class);

    assertThat(namesUnder(dir)).noneMatch(n -> n.startsWith(".tiersync-"));
    assertThat(moved).isEmptyDirectory();
    assertThat(target.getParent()).isEmptyDirectory();
  }

  private static List<String> namesUnder(Path root) throws IOException {
    try (var walk = Files.walk(root)) {
      return walk.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static String read(Path target) throws IOException {
    return new DiskTreeReader(new HashCache()).read(target).orElseThrow().contentHash();
  }
}
