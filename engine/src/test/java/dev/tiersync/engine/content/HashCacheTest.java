package dev.tiersync.engine.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm read answers the remembered tree only while every file's stat is unchanged: each way a
 * copy can change on disk, made with real files, must show in the next read's hashes.
 */
class HashCacheTest {
  private static final Instant SECOND = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path dir;
  private final HashCache cache = new HashCache();
  private final DiskTreeReader reader = new DiskTreeReader(cache);
  private Path skill;

  @BeforeEach
  void copy() throws Exception {
    skill = Files.createDirectories(dir.resolve("skill"));
    Files.writeString(skill.resolve("SKILL.md"), "aaaa\n");
    Files.writeString(Files.createDirectories(skill.resolve("docs")).resolve("a.md"), "doc\n");
    Files.setLastModifiedTime(skill.resolve("SKILL.md"), FileTime.from(SECOND));
  }

  @Test
  void unchangedCopy_isTheRememberedTree_andReadsNoContents() throws Exception {
    ArtifactTree cold = reader.read(skill).orElseThrow();
    ArtifactTree warm = reader.read(skill).orElseThrow();

    assertThat(warm).isSameAs(cold);
    assertThat(cache.misses()).isEqualTo(2);
    assertThat(cache.hits()).isEqualTo(2);
  }

  @Test
  void inPlaceEdit_sameSize_sameSecond_isSeen() throws Exception {
    ArtifactTree before = reader.read(skill).orElseThrow();
    Files.writeString(skill.resolve("SKILL.md"), "bbbb\n");
    Files.setLastModifiedTime(skill.resolve("SKILL.md"), FileTime.from(SECOND.plusNanos(1_000)));

    ArtifactTree after = reader.read(skill).orElseThrow();

    assertThat(after.contentHash()).isNotEqualTo(before.contentHash());
    assertThat(after.file("SKILL.md").sha256()).isEqualTo(HashCache.digest(skill.resolve("SKILL.md")));
    assertThat(after.file("docs/a.md").sha256()).isEqualTo(before.file("docs/a.md").sha256());
    assertThat(cache.misses()).isEqualTo(3);
  }

  @Test
  void fileReplacedByRename_sameSizeAndTime_isSeen() throws Exception {
    ArtifactTree before = reader.read(skill).orElseThrow();
    Path next = Files.writeString(dir.resolve("next.md"), "cccc\n");
    Files.setLastModifiedTime(next, FileTime.from(SECOND));
    Files.move(next, skill.resolve("SKILL.md"), StandardCopyOption.REPLACE_EXISTING);

    ArtifactTree after = reader.read(skill).orElseThrow();

    assertThat(after.file("SKILL.md").sha256()).isNotEqualTo(before.file("SKILL.md").sha256());
    assertThat(after.file("SKILL.md").sha256()).isEqualTo(HashCache.digest(skill.resolve("SKILL.md")));
  }

  @Test
  void deletedAndAddedFiles_andExecutableBit_areSeen() throws Exception {
    reader.read(skill).orElseThrow();
    Files.delete(skill.resolve("docs/a.md"));
    assertThat(reader.read(skill).orElseThrow().files().keySet()).containsExactly("SKILL.md");

    Files.writeString(skill.resolve("new.md"), "new\n");
    assertThat(reader.read(skill).orElseThrow().files().keySet()).containsExactly("SKILL.md", "new.md");

    Files.setPosixFilePermissions(skill.resolve("new.md"), PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(reader.read(skill).orElseThrow().file("new.md").mode()).isEqualTo(FileMode.EXECUTABLE);
  }

  @Test
  void singleFile_editedInPlace_isSeen_andAFolderInItsPlaceToo() throws Exception {
    Path agent = Files.writeString(dir.resolve("agent.md"), "one\n");
    Files.setLastModifiedTime(agent, FileTime.from(SECOND));
    ArtifactTree before = reader.read(agent).orElseThrow();
    Files.writeString(agent, "two\n");
    Files.setLastModifiedTime(agent, FileTime.from(SECOND.plusNanos(1)));

    assertThat(reader.read(agent).orElseThrow().contentHash()).isNotEqualTo(before.contentHash());

    Files.delete(agent);
    Files.writeString(Files.createDirectories(agent).resolve("agent.md"), "two\n");
    assertThat(reader.read(agent).orElseThrow().isSingleFile()).isFalse();
  }
}
