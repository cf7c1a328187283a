package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.model.ArtifactId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidecarFileTest {
  private static final ArtifactId ALPHA = ArtifactId.parse("skill:alpha");
  private static final ArtifactId REVIEW = ArtifactId.parse("command:review");
  private static final String H1 = "1".repeat(64);
  private static final String H2 = "2".repeat(64);

  @TempDir Path tmp;

  @Test
  void load_missingFile_hasNoRecords() throws Exception {
    SidecarFile<DeploymentSidecar> sidecar = DeploymentSidecar.load(tmp.resolve("absent.toml"));

    assertThat(sidecar.entries()).isEmpty();
    assertThat(sidecar.invalidEntries()).isEmpty();
  }

  @Test
  void save_thenLoad_givesTheRecordsBack_inSkillMeatsLayout() throws Exception {
    Path file = tmp.resolve(".tiersync/collection.toml");
    SidecarFile<CollectionSidecar> sidecar = CollectionSidecar.load(file);
    sidecar.upsert(new CollectionSidecar(ALPHA, H1, H2, "file:///srv/team.git", "skills/alpha"));
    sidecar.upsert(new CollectionSidecar(REVIEW, H2, H1, null, null));
    sidecar.save(file);

    assertThat(CollectionSidecar.load(file).entries())
        .containsExactly(
            new CollectionSidecar(ALPHA, H1, H2, "file:///srv/team.git", "skills/alpha"),
            new CollectionSidecar(REVIEW, H2, H1, null, null));
    assertThat(Files.readString(file))
        .isEqualTo(
            """
            [artifacts."skill:alpha"]
            content_hash = "%s"
            skillmeat_hash = "%s"
            upstream = "file:///srv/team.git"
            upstream_path = "skills/alpha"

            [artifacts."command:review"]
            content_hash = "%s"
            skillmeat_hash = "%s"
            """
                .formatted(H1, H2, H2, H1));
  }

  @Test
  void upsert_replacesTheArtifactsRecord_andRemoveDropsIt() throws Exception {
    Path file = tmp.resolve(".tiersync-deployed.toml");
    SidecarFile<DeploymentSidecar> sidecar = DeploymentSidecar.load(file);
    sidecar.upsert(new DeploymentSidecar(ALPHA, H1, H1));
    sidecar.upsert(new DeploymentSidecar(REVIEW, H1, H1));
    sidecar.upsert(new DeploymentSidecar(ALPHA, H2, H1));
    sidecar.save(file);

    SidecarFile<DeploymentSidecar> read = DeploymentSidecar.load(file);
    assertThat(read.find(ALPHA)).contains(new DeploymentSidecar(ALPHA, H2, H1));
    assertThat(read.remove(REVIEW)).isTrue();
    assertThat(read.remove(REVIEW)).isFalse();
    assertThat(read.entries()).extracting(DeploymentSidecar::id).containsExactly(ALPHA);
  }

  @Test
  void matches_onlyTheSkillMeatRecordWrittenWithIt() {
    DeploymentSidecar record = new DeploymentSidecar(ALPHA, H1, H2);
    java.time.Instant at = java.time.Instant.parse("2026-11-01T10:00:00Z");

    assertThat(record.matches(DeployedArtifact.of(ALPHA, "default", H2, at))).isTrue();
    assertThat(record.matches(DeployedArtifact.of(ALPHA, "default", H1, at))).isFalse();
    assertThat(record.matches(null)).isFalse();
  }

  @Test
  void load_badEntries_areReportedPerArtifact_andTheOthersRead() throws Exception {
    Path file = tmp.resolve(".tiersync-deployed.toml");
    Files.writeString(
        file,
        """
        [deployed."skill:alpha"]
        base_hash = "not-a-hash"
        skillmeat_hash = "%s"

        [deployed."widget:x"]
        base_hash = "%s"

        [deployed."command:review"]
        base_hash = "%s"
        skillmeat_hash = "%s"

        [deployed]
        "agent:helper" = 3
        """
            .formatted(H1, H1, H1, H2));

    SidecarFile<DeploymentSidecar> sidecar = DeploymentSidecar.load(file);

    assertThat(sidecar.entries()).containsExactly(new DeploymentSidecar(REVIEW, H1, H2));
    assertThat(sidecar.invalidEntries())
        .extracting(InvalidEntry::artifactId, InvalidEntry::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ALPHA, "deployed.\"skill:alpha\".base_hash"),
            org.assertj.core.groups.Tuple.tuple(null, "deployed.\"widget:x\""),
            org.assertj.core.groups.Tuple.tuple(
                ArtifactId.parse("agent:helper"), "deployed.\"agent:helper\""));
    assertThatThrownBy(() -> sidecar.upsert(new DeploymentSidecar(ALPHA, H1, H1)))
        .isInstanceOf(InvalidTierFileException.class)
        .hasMessageContaining("skill:alpha");
  }

  @Test
  void load_notToml_namesTheFile() throws Exception {
    Path file = tmp.resolve(".tiersync-deployed.toml");
    Files.write(file, "[deployed\n".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> DeploymentSidecar.load(file))
        .isInstanceOf(InvalidTierFileException.class)
        .hasMessageContaining(".tiersync-deployed.toml");
  }
}
