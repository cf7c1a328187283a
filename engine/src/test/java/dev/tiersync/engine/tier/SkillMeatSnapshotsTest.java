package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.skillmeat.SkillMeatHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillMeatSnapshotsTest {
  private static final ArtifactId BETA = ArtifactId.parse("skill:beta");
  private static final String BETA_HASH =
      "4e7848cef8cfe81f002727a4cf00a1152354338a308eb43f817a9c0daa060d36";
  private static final Instant NOW = Instant.parse("2026-12-01T08:00:00.123456Z");

  @TempDir Path tmp;

  @Test
  void find_readsTheArtifactFromASnapshotSkillMeatTook() throws Exception {
    Path collection = Files.createDirectories(tmp.resolve(".skillmeat/collections/default"));
    Fixtures.copy("snapshots", tmp.resolve(".skillmeat/snapshots"));
    SkillMeatSnapshots snapshots = new SkillMeatSnapshots();

    assertThat(snapshots.find(collection, BETA, BETA_HASH))
        .hasValueSatisfying(
            tree ->
                assertThat(tree.files().keySet()).contains("scripts/run.sh", "docs-extra/b.md"));
    assertThat(snapshots.find(collection, BETA, "0".repeat(64))).isEmpty();
    assertThat(snapshots.find(collection, ArtifactId.parse("skill:alpha"), BETA_HASH)).isEmpty();
  }

  @Test
  void ensureHolds_takesASnapshotOnlyWhenNoneHoldsTheVersion_andListsIt() throws Exception {
    Path collection =
        Fixtures.copy("vectors/collection", tmp.resolve(".skillmeat/collections/default"));
    SkillMeatSnapshots snapshots = new SkillMeatSnapshots();

    assertThat(snapshots.ensureHolds(collection, BETA, BETA_HASH, "first", NOW)).isTrue();
    assertThat(snapshots.ensureHolds(collection, BETA, BETA_HASH, "again", NOW.plusSeconds(1)))
        .isFalse();

    Path folder = tmp.resolve(".skillmeat/snapshots/default");
    assertThat(folder.resolve("20261201-080000-123456.tar.gz")).isRegularFile();
    assertThat(Files.readString(folder.resolve("snapshots.toml")))
        .isEqualTo(
            """
            [[snapshots]]
            id = "20261201-080000-123456"
            timestamp = "2026-12-01T08:00:00.123456"
            message = "first"
            artifact_count = 3
            tarball_path = "%s"
            """
                .formatted(folder.resolve("20261201-080000-123456.tar.gz")));
    assertThat(SkillMeatHash.of(snapshots.find(collection, BETA, BETA_HASH).orElseThrow()))
        .isEqualTo(BETA_HASH);
    assertThat(
            SkillMeatSnapshots.read(
                    folder.resolve("20261201-080000-123456.tar.gz"), "default/skills/beta", false)
                .orElseThrow()
                .file("scripts/run.sh")
                .mode())
        .isEqualTo(dev.tiersync.engine.content.FileMode.EXECUTABLE);
  }

  @Test
  void ensureHolds_outsideASkillMeatHome_writesNothing() throws Exception {
    Path collection = Fixtures.copy("vectors/collection", tmp.resolve("collections/default"));

    assertThat(new SkillMeatSnapshots().ensureHolds(collection, BETA, BETA_HASH, "m", NOW))
        .isFalse();
    assertThat(tmp.resolve("snapshots")).doesNotExist();
  }
}
