package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TierLayoutTest {
  @TempDir Path tmp;

  @Test
  void artifactPath_followsSkillMeatLayout() {
    CollectionLayout collection = new CollectionLayout(tmp.resolve("c"));
    ProjectLayout project = new ProjectLayout(tmp.resolve("p"));

    assertThat(collection.artifactPath(ArtifactId.parse("skill:pdf-tools")))
        .isEqualTo(tmp.resolve("c/skills/pdf-tools"));
    assertThat(collection.artifactPath(ArtifactId.parse("command:review")))
        .isEqualTo(tmp.resolve("c/commands/review.md"));
    assertThat(project.artifactPath(ArtifactId.parse("mcp:github")))
        .isEqualTo(tmp.resolve("p/.claude/mcp/github"));
    assertThat(project.trackingFile()).isEqualTo(tmp.resolve("p/.claude/.skillmeat-deployed.toml"));
    assertThat(collection.manifestFile()).isEqualTo(tmp.resolve("c/collection.toml"));
    assertThat(collection.lockFile()).isEqualTo(tmp.resolve("c/collection.lock"));
    assertThat(collection.name()).isEqualTo("c");
  }

  @Test
  void artifacts_collection_listsManifestEntriesPlusArtifactsOnlyOnDisk() throws IOException {
    CollectionLayout collection =
        new CollectionLayout(Fixtures.copy("collection-local", tmp.resolve("default")));
    CollectionManifest manifest = CollectionManifest.load(collection.manifestFile());
    manifest.upsert(
        ManifestArtifact.local(ArtifactId.parse("skill:not-yet-fetched"), Instant.EPOCH));
    Files.createDirectories(collection.root().resolve("hooks"));
    Files.writeString(collection.root().resolve("hooks/on-save.md"), "x");
    Files.writeString(collection.root().resolve("hooks/script.sh"), "x");
    Files.createDirectories(collection.root().resolve("mcp/github"));
    Files.writeString(collection.root().resolve("skills/README.md"), "not a skill");
    Files.writeString(collection.root().resolve("commands/draft.md.swp"), "editor temp");

    assertThat(collection.artifacts(manifest))
        .extracting(ArtifactId::toString)
        .containsExactly(
            "skill:not-yet-fetched",
            "skill:pdf-tools",
            "command:review",
            "agent:helper",
            "hook:on-save",
            "mcp:github");
  }

  @Test
  void artifactsOnDisk_realSkillMeatProject_skipsSkillMeatLockFiles() throws IOException {
    ProjectLayout project = new ProjectLayout(Fixtures.copy("project", tmp));
    assertThat(project.claudeDir().resolve("skills/.pdf-tools.skillmeat-lock")).exists();

    assertThat(project.artifactsOnDisk())
        .extracting(ArtifactId::toString)
        .containsExactly("skill:pdf-tools", "command:review", "agent:helper");
  }

  @Test
  void artifacts_project_listsDeployedPlusPresent() throws IOException {
    ProjectLayout project = new ProjectLayout(Fixtures.copy("project", tmp));
    DeploymentTracking tracking = DeploymentTracking.load(project.trackingFile());
    tracking.remove(ArtifactId.parse("agent:helper"));
    tracking.upsert(
        DeployedArtifact.of(
            ArtifactId.parse("skill:deleted-locally"), "default", "h", Instant.EPOCH));

    assertThat(project.artifacts(tracking))
        .extracting(ArtifactId::toString)
        .containsExactly(
            "skill:deleted-locally", "skill:pdf-tools", "command:review", "agent:helper");
  }

  @Test
  void artifactsOnDisk_noClaudeFolder_isEmpty() throws IOException {
    assertThat(new ProjectLayout(tmp).artifactsOnDisk()).isEmpty();
  }

  @Test
  void collection_validName_resolvesUnderRoot() throws IOException {
    CollectionsRoot root = new CollectionsRoot(tmp);
    Files.createDirectories(tmp.resolve("work"));
    Files.writeString(tmp.resolve("work/collection.toml"), "");
    Files.createDirectories(tmp.resolve("not-a-collection"));

    assertThat(root.collection("work").root()).isEqualTo(tmp.resolve("work"));
    assertThat(root.names()).containsExactly("work");
  }

  @Test
  void collection_badName_namesField() {
    CollectionsRoot root = new CollectionsRoot(tmp);

    assertThatThrownBy(() -> root.collection("../etc"))
        .isInstanceOfSatisfying(
            InvalidArtifactIdException.class, e -> assertThat(e.field()).isEqualTo("collection"))
        .hasMessageStartingWith("collection name");
  }

  @Test
  void defaultRoot_isSkillMeatsFolderInHome() {
    assertThat(CollectionsRoot.defaultRoot().root())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".skillmeat", "collections"));
  }
}
