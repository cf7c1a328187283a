package dev.tiersync.engine.patch;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.content.Trees;
import dev.tiersync.engine.diff.FileDiff;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitPatchWriterTest {
  private final GitPatchWriter writer = new GitPatchWriter();

  @TempDir Path tmp;

  @Test
  void write_unusualNamesTypeChangesAndEmptyFiles_applyWithGitAndEqualGitDiff() throws Exception {
    Path repo = tmp.resolve("repo");
    GitCommand.ok(tmp, "init", "-q", repo.toString());
    write(repo, "tab\there.md", "tab\n");
    write(repo, "quote\"d.md", "quote\n");
    write(repo, "back\\slash.md", "back\n");
    write(repo, "\u00fcn\u00efcode name.md", "u\n");
    write(repo, "empty-removed.md", "");
    write(repo, "becomes-link.md", "file\n");
    write(repo, "run.sh", "#!/bin/sh\n");
    Files.createSymbolicLink(repo.resolve("becomes-file"), Path.of("run.sh"));
    GitCommand.ok(repo, "add", "-A");
    GitCommand.ok(
        repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base");
    ArtifactTree old = new DiskTreeReader(new HashCache()).read(repo).orElseThrow();
    ArtifactTree now =
        ArtifactTree.folder(
            List.of(
                Trees.text("tab\there.md", "tab edited\n"),
                Trees.text("quote\"d.md", "quote\n"),
                Trees.text("back\\slash.md", "back\nmore\n"),
                Trees.text("\u00fcn\u00efcode name.md", "u\nv\n"),
                Trees.text("empty-added.md", ""),
                Trees.file("becomes-link.md", "run.sh".getBytes(UTF_8), FileMode.SYMLINK),
                Trees.file("run.sh", "#!/bin/sh\n".getBytes(UTF_8), FileMode.EXECUTABLE),
                Trees.text("becomes-file", "now a file\n")));

    byte[] patch = patch(old, now);
    Path patchFile = Files.write(tmp.resolve("p.patch"), patch);
    GitCommand.ok(repo, "apply", "--check", patchFile.toString());
    GitCommand.ok(repo, "apply", patchFile.toString());

    assertThat(new DiskTreeReader(new HashCache()).read(repo).orElseThrow().contentHash())
        .isEqualTo(now.contentHash());
    GitCommand.ok(repo, "add", "-A");
    String gitDiff =
        new String(
            GitCommand.okBytes(
                repo,
                "-c",
                "core.quotePath=false",
                "diff",
                "--cached",
                "--full-index",
                "--binary",
                "--no-renames",
                "HEAD"),
            ISO_8859_1);
    assertThat(new String(patch, ISO_8859_1)).isEqualTo(gitDiff);
  }

  @Test
  void write_largeBinaryAndTextTurnedBinary_applyWithGit() throws Exception {
    Path repo = tmp.resolve("repo");
    GitCommand.ok(tmp, "init", "-q", repo.toString());
    byte[] big = new byte[3 << 20];
    new Random(7).nextBytes(big);
    Files.write(repo.resolve("big.bin"), big);
    write(repo, "turns-binary.dat", "text for now\n");
    GitCommand.ok(repo, "add", "-A");
    GitCommand.ok(
        repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base");
    ArtifactTree old = new DiskTreeReader(new HashCache()).read(repo).orElseThrow();
    byte[] bigger = Arrays.copyOf(big, big.length + 1000);
    bigger[12345] ^= 1;
    ArtifactTree now =
        ArtifactTree.folder(
            List.of(
                Trees.file("big.bin", bigger, FileMode.REGULAR),
                Trees.file("turns-binary.dat", new byte[] {'x', 0, 'y'}, FileMode.REGULAR)));

    Path patchFile = Files.write(tmp.resolve("p.patch"), patch(old, now));
    GitCommand.ok(repo, "apply", patchFile.toString());

    assertThat(new DiskTreeReader(new HashCache()).read(repo).orElseThrow().contentHash())
        .isEqualTo(now.contentHash());
  }

  @Test
  void write_fileChangedSinceItsTreeWasRead_fails() {
    FileEntry stale =
        new FileEntry(
            "a.md",
            FileMode.REGULAR,
            2,
            ArtifactTree.sha256Hex("x\n".getBytes(UTF_8)),
            () -> new ByteArrayInputStream("y\n".getBytes(UTF_8)));

    assertThatThrownBy(() -> writer.write("a.md", null, stale, new ByteArrayOutputStream()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("changed while");
  }

  @Test
  void write_fileGrownOrShrunkSinceItsTreeWasRead_fails() {
    byte[] text = "one\ntwo\n".getBytes(UTF_8);
    byte[] binary = {'b', 0, 'n', 0, 'y'};
    for (byte[] read : List.of(text, binary)) {
      String sha256 = ArtifactTree.sha256Hex(read);
      byte[] longer = Arrays.copyOf(read, read.length + 1);
      byte[] shorter = Arrays.copyOf(read, read.length - 1);
      for (byte[] now : List.of(longer, shorter)) {
        FileEntry stale =
            new FileEntry(
                "a.md", FileMode.REGULAR, read.length, sha256, () -> new ByteArrayInputStream(now));

        assertThatThrownBy(() -> writer.write("a.md", null, stale, new ByteArrayOutputStream()))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("changed while");
      }
    }
  }

  @Test
  void write_sameContentAndMode_writesNothing() throws Exception {
    FileEntry a = Trees.text("a.md", "x\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThat(writer.write("a.md", a, Trees.text("a.md", "x\n"), out)).isNull();
    assertThat(out.size()).isZero();
  }

  @Test
  void write_modeOnlyChange_hasNoIndexLineAndKeepsBlobIds() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    PatchedFile f =
        writer.write(
            "run.sh",
            Trees.text("run.sh", "x\n"),
            Trees.file("run.sh", "x\n".getBytes(UTF_8), FileMode.EXECUTABLE),
            out);

    assertThat(out.toString(UTF_8))
        .isEqualTo("diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n");
    assertThat(f.status()).isEqualTo(FileDiff.Status.MODIFIED);
    assertThat(f.contentChanged()).isFalse();
    assertThat(f.oldBlobId()).isEqualTo(GitBlobIds.blobId("x\n".getBytes(UTF_8)));
  }

  @Test
  void write_addedBinary_usesGitsLiteralEncoding() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    PatchedFile f =
        writer.write(
            "b.bin", null, Trees.file("b.bin", new byte[] {0, 1, 2}, FileMode.REGULAR), out);

    assertThat(f.binary()).isTrue();
    // git diff --binary writes the reverse of an added file as this very line.
    assertThat(out.toString(UTF_8))
        .contains("GIT binary patch\nliteral 3\n")
        .endsWith("literal 0\nHcmV?d00001\n\n");
  }

  private byte[] patch(ArtifactTree old, ArtifactTree now) throws Exception {
    TreeSet<String> paths = new TreeSet<>(ArtifactTree::comparePaths);
    paths.addAll(old.files().keySet());
    paths.addAll(now.files().keySet());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String p : paths) {
      writer.write(p, old.file(p), now.file(p), out);
    }
    return out.toByteArray();
  }

  private static void write(Path root, String rel, String content) throws Exception {
    Files.writeString(root.resolve(rel), content);
  }
}
