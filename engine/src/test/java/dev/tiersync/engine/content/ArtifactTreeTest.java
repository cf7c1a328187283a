package dev.tiersync.engine.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactTreeTest {
  @TempDir Path dir;

  @Test
  void contentHash_matchesSpecExample() throws Exception {
    ArtifactTree t = Trees.folder("SKILL.md", "a\n", "ref/x.md", "");
    String expected =
        sha("SKILL.md\0" + sha("a\n") + "\n" + "ref/x.md\0" + sha("") + "\n");
    assertThat(t.contentHash()).isEqualTo(expected);
  }

  @Test
  void diskRead_sameHashAsInMemory_andSkipsExcludedPaths() throws Exception {
    Path skill = dir.resolve("skills/pdf");
    Files.createDirectories(skill.resolve("ref"));
    Files.writeString(skill.resolve("SKILL.md"), "a\n");
    Files.writeString(skill.resolve("ref/x.md"), "");
    Files.createDirectories(skill.resolve(".git"));
    Files.writeString(skill.resolve(".git/HEAD"), "ref: x\n");
    Files.createDirectories(skill.resolve("__pycache__"));
    Files.writeString(skill.resolve("__pycache__/m.pyc"), "x");
    Files.writeString(skill.resolve(".DS_Store"), "x");
    Files.writeString(skill.resolve("notes.md~"), "x");
    Files.writeString(skill.resolve(".SKILL.md.swp"), "x");

    ArtifactTree t = new DiskTreeReader(new HashCache()).read(skill).orElseThrow();

    assertThat(t.files().keySet()).containsExactly("SKILL.md", "ref/x.md");
    assertThat(t.contentHash()).isEqualTo(Trees.folder("SKILL.md", "a\n", "ref/x.md", "").contentHash());
  }

  @Test
  void diskRead_singleFileHashesAsItsName_andSymlinkHashesItsTarget() throws Exception {
    Path cmd = dir.resolve("review.md");
    Files.writeString(cmd, "hi\n");
    ArtifactTree single = new DiskTreeReader(new HashCache()).read(cmd).orElseThrow();
    assertThat(single.isSingleFile()).isTrue();
    assertThat(single.contentHash())
        .isEqualTo(sha("review.md\0" + sha("hi\n") + "\n"));

    Path skill = dir.resolve("s");
    Files.createDirectories(skill);
    Files.writeString(skill.resolve("SKILL.md"), "x\n");
    Files.createSymbolicLink(skill.resolve("link.md"), Path.of("SKILL.md"));
    ArtifactTree withLink = new DiskTreeReader(new HashCache()).read(skill).orElseThrow();
    assertThat(withLink.file("link.md").mode()).isEqualTo(FileMode.SYMLINK);
    assertThat(withLink.file("link.md").sha256()).isEqualTo(sha("SKILL.md"));
  }

  @Test
  void hashCache_warmReadTouchesNoContents_andNoticesChanges() throws Exception {
    Path skill = dir.resolve("s");
    Files.createDirectories(skill);
    for (int i = 0; i < 20; i++) {
      Files.writeString(skill.resolve("f" + i + ".md"), "content " + i);
    }
    HashCache cache = new HashCache();
    DiskTreeReader reader = new DiskTreeReader(cache);
    String cold = reader.read(skill).orElseThrow().contentHash();
    long missesAfterCold = cache.misses();
    String warm = reader.read(skill).orElseThrow().contentHash();

    assertThat(warm).isEqualTo(cold);
    assertThat(missesAfterCold).isEqualTo(20);
    assertThat(cache.misses()).isEqualTo(20);
    assertThat(cache.hits()).isEqualTo(20);

    Files.writeString(skill.resolve("f3.md"), "changed, longer content");
    Files.setLastModifiedTime(skill.resolve("f3.md"), FileTime.fromMillis(1_000));
    String changed = reader.read(skill).orElseThrow().contentHash();
    assertThat(changed).isNotEqualTo(cold);
    assertThat(cache.misses()).isEqualTo(21);
  }

  @Test
  void excludedPaths_matchNestedFoldersAndTempFiles() {
    assertThat(ExcludedPaths.isExcluded("a/node_modules/x.js")).isTrue();
    assertThat(ExcludedPaths.isExcluded(".venv/bin/python")).isTrue();
    assertThat(ExcludedPaths.isExcluded("docs/file.swp")).isTrue();
    assertThat(ExcludedPaths.isExcluded("docs/file.md")).isFalse();
    assertThat(ExcludedPaths.isExcluded("gitignore.md")).isFalse();
  }

  private static String sha(String s) {
    return HexFormat.of().formatHex(ArtifactTree.sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
