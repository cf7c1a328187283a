package dev.tiersync.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.Trees;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionArchiveTest {
  @TempDir Path tmp;

  @Test
  void aVersionWrittenAndReadBack_hasTheSameHash_modesLinksAndBytes() throws Exception {
    String longPath = "ref/" + "deep/".repeat(30) + "notes-ü.md";
    byte[] binary = new byte[70_000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31);
    }
    ArtifactTree tree =
        ArtifactTree.folder(
            List.of(
                Trees.text("SKILL.md", "---\nname: demo\n---\nbody\n"),
                Trees.file("scripts/run.sh", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8), FileMode.EXECUTABLE),
                Trees.file("assets/logo.bin", binary, FileMode.REGULAR),
                Trees.text("empty.txt", ""),
                Trees.text(longPath, "far down\n"),
                Trees.file("link.md", "SKILL.md".getBytes(StandardCharsets.UTF_8), FileMode.SYMLINK)));

    ArtifactTree back = roundTrip(tree);

    assertThat(back.contentHash()).isEqualTo(tree.contentHash());
    assertThat(back.files().keySet()).containsExactlyElementsOf(tree.files().keySet());
    for (FileEntry f : tree.files().values()) {
      FileEntry g = back.file(f.path());
      assertThat(g.mode()).as(f.path()).isEqualTo(f.mode());
      assertThat(g.readAll()).as(f.path()).isEqualTo(f.readAll());
    }
    try (HistoryStore store = HistoryStore.open(tmp.resolve("data"))) {
      assertThat(store.put(back)).isEqualTo(tree.contentHash());
    }
  }

  @Test
  void anArchiveThatLeavesTheArtifact_orRepeatsAName_orHoldsOtherTypes_isRefused() throws Exception {
    assertRefused(file("../escape.md", "x"), "unsafe path in artifact: '../escape.md'");
    assertRefused(file("/etc/passwd", "x"), "unsafe path");
    assertRefused(concat(file("a.md", "1"), file("a.md", "2")), "the archive holds 'a.md' twice");
    TarArchiveEntry hard = new TarArchiveEntry("hard.md", TarArchiveEntry.LF_LINK);
    hard.setLinkName("a.md");
    assertRefused(archive(List.of(hard), List.of(new byte[0])), "'hard.md' is neither a file nor a symbolic link");
    assertRefused(garbage(), "not a tar archive of a version");
  }

  @Test
  void moreContentThanTheBound_isRefused_beforeItIsAllRead() throws Exception {
    byte[] big = file("big.bin", "y".repeat(10_000));

    assertThatThrownBy(() -> VersionArchive.read(new ByteArrayInputStream(big), staging(), 4_096))
        .isInstanceOf(VersionArchive.InvalidArchiveException.class)
        .hasMessage("the version holds more than 4096 bytes");
  }

  private ArtifactTree roundTrip(ArtifactTree tree) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VersionArchive.write(tree, out);
    return VersionArchive.read(new ByteArrayInputStream(out.toByteArray()), staging(), Long.MAX_VALUE);
  }

  private void assertRefused(byte[] archive, String message) {
    assertThatThrownBy(() -> VersionArchive.read(new ByteArrayInputStream(archive), staging(), Long.MAX_VALUE))
        .isInstanceOf(VersionArchive.InvalidArchiveException.class)
        .hasMessageContaining(message);
  }

  private Path staging() throws IOException {
    return Files.createTempDirectory(tmp, "staging");
  }

  private static byte[] garbage() {
    byte[] b = new byte[1024];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i % 7 + 1);
    }
    return b;
  }

  private static byte[] file(String name, String content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    e.setSize(bytes.length);
    return archive(List.of(e), List.of(bytes));
  }

  /** Two archives' entries in one archive. */
  private static byte[] concat(byte[] first, byte[] second) throws IOException {
    List<TarArchiveEntry> entries = new java.util.ArrayList<>();
    List<byte[]> contents = new java.util.ArrayList<>();
    for (byte[] a : List.of(first, second)) {
      try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(new ByteArrayInputStream(a))) {
        TarArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
          entries.add(e);
          contents.add(in.readAllBytes());
        }
      }
    }
    return archive(entries, contents);
  }

  private static byte[] archive(List<TarArchiveEntry> entries, List<byte[]> contents) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (int i = 0; i < entries.size(); i++) {
        tar.putArchiveEntry(entries.get(i));
        tar.write(contents.get(i));
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }
}
