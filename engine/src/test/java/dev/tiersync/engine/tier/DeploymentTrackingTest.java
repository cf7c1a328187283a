package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentTrackingTest {
  private static final ArtifactId PDF_TOOLS = ArtifactId.parse("skill:pdf-tools");
  private static final ArtifactId REVIEW = ArtifactId.parse("command:review");
  private static final ArtifactId HELPER = ArtifactId.parse("agent:helper");
  private static final String PDF_HASH =
      "3e43f2743d0f35d1ceb83a3b5f2b7adc1ece1cd07f5defa806204d6dd5e7d78a";

  @TempDir Path tmp;

  private Path realTrackingFile() throws IOException {
    return new ProjectLayout(Fixtures.copy("project", tmp)).trackingFile();
  }

  @Test
  void load_realSkillMeatTracking_readsEntries() throws IOException {
    DeploymentTracking tracking = DeploymentTracking.load(realTrackingFile());

    assertThat(tracking.entries())
        .extracting(DeployedArtifact::id)
        .containsExactly(PDF_TOOLS, REVIEW, HELPER);
    DeployedArtifact pdf = tracking.find(PDF_TOOLS).orElseThrow();
    assertThat(pdf)
        .extracting(
            DeployedArtifact::name,
            DeployedArtifact::fromCollection,
            DeployedArtifact::deployedAt,
            DeployedArtifact::artifactPath,
            DeployedArtifact::contentHash)
        .containsExactly(
            "pdf-tools",
            "default",
            Instant.parse("2026-11-23T23:14:24.606441Z"),
            "skills/pdf-tools",
            PDF_HASH);
    assertThat(pdf.versionLineage()).containsExactly(PDF_HASH);
    // SkillMeat left version_lineage out for this one; it then means [content_hash].
    DeployedArtifact helper = tracking.find(HELPER).orElseThrow();
    assertThat(helper.versionLineage()).containsExactly(helper.contentHash());
  }

  @Test
  void load_missingFile_isEmpty() throws IOException {
    assertThat(DeploymentTracking.load(tmp.resolve(".claude/.skillmeat-deployed.toml")).entries())
        .isEmpty();
  }

  @Test
  void save_unchangedRealFixture_keepsEveryKeyValueFormAndOrder() throws IOException {
    Path file = realTrackingFile();
    String before = Fixtures.structure(file);

    DeploymentTracking.load(file).save(file);

    assertThat(Fixtures.structure(file)).isEqualTo(before);
  }

  @Test
  void upsert_redeployed_rebuildsTheRecordAsSkillMeatsDeployDoes() throws IOException {
    Path file = realTrackingFile();
    String original = Fixtures.read(file);
    String untouched = original.substring(original.indexOf("[[deployed]]", 1));
    DeploymentTracking tracking = DeploymentTracking.load(file);
    Instant at = Instant.parse("2026-11-24T08:00:00Z");

    tracking.upsert(tracking.find(PDF_TOOLS).orElseThrow().redeployed("new-hash", at, false));
    tracking.save(file);

    assertThat(Fixtures.read(file))
        .isEqualTo(
            """
            [[deployed]]
            artifact_name = "pdf-tools"
            artifact_type = "skill"
            from_collection = "default"
            deployed_at = "2026-11-24T08:00:00"
            artifact_path = "skills/pdf-tools"
            content_hash = "new-hash"
            local_modifications = false
            merge_base_snapshot = "new-hash"
            deployment_profile_id = "claude_code"
            platform = "claude_code"
            profile_root_dir = ".claude"
            collection_sha = "new-hash"

            """
                + untouched);
    assertThat(DeploymentTracking.load(file).find(PDF_TOOLS).orElseThrow().versionLineage())
        .containsExactly("new-hash");
  }

  @Test
  void redeployed_dropsWhatSkillMeatsDeployDrops_andKeepsUnknownKeys() throws IOException {
    Path file =
        Fixtures.write(
            tmp.resolve(".skillmeat-deployed.toml"),
            """
            [[deployed]]
            artifact_name = "review"
            artifact_type = "command"
            from_collection = "default"
            deployed_at = "2026-11-23T23:14:24"
            artifact_path = "commands/review.md"
            content_hash = "old"
            local_modifications = false
            parent_hash = "older"
            version_lineage = [
                "old",
            ]
            last_modified_check = "2026-11-23T23:20:00"
            modification_detected_at = "2026-11-23T23:20:00"
            merge_base_snapshot = "old"
            artifact_uuid = "0123456789abcdef0123456789abcdef"
            collection_sha = "old"
            other_tool = 1
            """);
    DeploymentTracking tracking = DeploymentTracking.load(file);

    tracking.upsert(
        tracking
            .find(REVIEW)
            .orElseThrow()
            .redeployed("h1", Instant.parse("2026-11-24T08:00:00Z"), true));
    tracking.save(file);

    assertThat(Fixtures.read(file))
        .isEqualTo(
            """
            [[deployed]]
            artifact_name = "review"
            artifact_type = "command"
            from_collection = "default"
            deployed_at = "2026-11-24T08:00:00"
            artifact_path = "commands/review.md"
            content_hash = "h1"
            local_modifications = true
            merge_base_snapshot = "h1"
            artifact_uuid = "0123456789abcdef0123456789abcdef"
            collection_sha = "h1"
            other_tool = 1
            """);
  }

  @Test
  void upsert_newArtifact_appendsEntryAsSkillMeatsDeployWritesIt() throws IOException {
    Path file = tmp.resolve(".claude/.skillmeat-deployed.toml");
    DeploymentTracking tracking = DeploymentTracking.load(file);
    DeployedArtifact deployed =
        DeployedArtifact.of(REVIEW, "work", "h1", Instant.parse("2026-11-24T08:00:00Z"));

    tracking.upsert(deployed);
    tracking.save(file);

    assertThat(Fixtures.read(file))
        .isEqualTo(
            """
            [[deployed]]
            artifact_name = "review"
            artifact_type = "command"
            from_collection = "work"
            deployed_at = "2026-11-24T08:00:00"
            artifact_path = "commands/review.md"
            content_hash = "h1"
            local_modifications = false
            merge_base_snapshot = "h1"
            deployment_profile_id = "claude_code"
            platform = "claude_code"
            profile_root_dir = ".claude"
            collection_sha = "h1"
            """);
    assertThat(DeploymentTracking.load(file).find(REVIEW)).contains(deployed);
  }

  @Test
  void remove_deployedArtifact_keepsTheOthers() throws IOException {
    Path file = realTrackingFile();
    DeploymentTracking tracking = DeploymentTracking.load(file);

    assertThat(tracking.remove(REVIEW)).isTrue();
    assertThat(tracking.remove(REVIEW)).isFalse();
    tracking.save(file);

    assertThat(DeploymentTracking.load(file).entries())
        .extracting(DeployedArtifact::id)
        .containsExactly(PDF_TOOLS, HELPER);
  }

  @Test
  void remove_lastEntry_leavesAnEmptyArray() throws IOException {
    Path file = tmp.resolve(".skillmeat-deployed.toml");
    DeploymentTracking tracking = DeploymentTracking.empty();
    tracking.upsert(DeployedArtifact.of(REVIEW, "work", "h1", Instant.EPOCH));

    tracking.remove(REVIEW);
    tracking.save(file);

    assertThat(Fixtures.read(file)).isEqualTo("deployed = []\n");
  }

  @Test
  void find_nameRecordedWithFileExtension_matchesArtifactId() throws IOException {
    Path file =
        Fixtures.write(
            tmp.resolve(".skillmeat-deployed.toml"),
            """
            [[deployed]]
            artifact_name = "review.md"
            artifact_type = "command"
            from_collection = "default"
            deployed_at = "2026-11-23T23:14:24"
            artifact_path = "commands/review.md"
            collection_sha = "h"
            """);

    DeployedArtifact review = DeploymentTracking.load(file).find(REVIEW).orElseThrow();

    assertThat(review.contentHash()).isEqualTo("h");
  }

  @Test
  void load_badArtifactType_namesField() throws IOException {
    Path file =
        Fixtures.write(
            tmp.resolve(".skillmeat-deployed.toml"),
            "[[deployed]]\nartifact_name = \"x\"\nartifact_type = 3\n");

    DeploymentTracking tracking = DeploymentTracking.load(file);

    assertThat(tracking.entries()).isEmpty();
    assertThat(tracking.invalidEntries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("deployed[0].artifact_type");
              assertThat(e.line()).isEqualTo(1);
              assertThat(e.artifactId()).isNull();
            });
  }

  @Test
  void load_artifactPathLeavingProject_namesField() throws IOException {
    Path file =
        Fixtures.write(
            tmp.resolve(".skillmeat-deployed.toml"),
            """
            [[deployed]]
            artifact_name = "x"
            artifact_type = "skill"
            from_collection = "default"
            deployed_at = "2026-11-23T23:14:24"
            artifact_path = "../../outside"
            content_hash = "h"
            """);

    DeploymentTracking tracking = DeploymentTracking.load(file);

    assertThat(tracking.entries()).isEmpty();
    assertThat(tracking.invalidEntries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("deployed[0].artifact_path");
              assertThat(e.artifactId()).isEqualTo(ArtifactId.parse("skill:x"));
              assertThat(e.reason()).contains("must not leave its root");
            });
  }
}
