package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.skillmeat.SkillMeatMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tiersync's {@code [artifacts.metadata]} against what SkillMeat's own extraction wrote for the
 * same file ({@code skillmeat/metadata/}, see its README).
 */
class SkillMeatMetadataTest {
  private static final Path CASES = Path.of("src/test/resources/skillmeat/metadata");
  private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "cmd"})
  void replaceMetadata_writesTheTableSkillMeatWrites(String name) throws Exception {
    boolean command = name.equals("cmd");
    ArtifactId id = new ArtifactId(command ? ArtifactType.COMMAND : ArtifactType.SKILL, name);
    Path artifact = command ? CASES.resolve("cmd/review.md") : CASES.resolve(name);
    Path file = tmp.resolve("collection.toml");
    CollectionManifest manifest = CollectionManifest.create("c", NOW);
    manifest.upsert(ManifestArtifact.local(id, NOW));

    manifest.replaceMetadata(id, SkillMeatMetadata.of(artifact, id.type()));
    manifest.save(file);

    String written = Files.readString(file);
    String expected =
        Files.readString(CASES.resolve(name).resolve("expected-metadata.toml"))
            .replace("[metadata", "[artifacts.metadata");
    assertThat(written.substring(written.indexOf("[artifacts.metadata]"))).isEqualTo(expected);
  }

  @Test
  void replaceMetadata_dropsWhatTheNewFrontMatterNoLongerHas() throws Exception {
    Path file = Fixtures.copy("vectors/collection", tmp).resolve("collection.toml");
    ArtifactId alpha = ArtifactId.parse("skill:alpha");
    Path skill = tmp.resolve("skills/alpha");
    Files.writeString(
        skill.resolve("SKILL.md"), "---\nname: alpha\ndescription: Alpha skill v2\n---\n");
    CollectionManifest manifest = CollectionManifest.load(file);

    manifest.replaceMetadata(alpha, SkillMeatMetadata.of(skill, ArtifactType.SKILL));
    manifest.save(file);

    assertThat(CollectionManifest.load(file).metadata(alpha).orElseThrow())
        .containsOnlyKeys("description", "extra")
        .containsEntry("description", "Alpha skill v2");
    assertThat(Files.readString(file)).contains("description = \"Beta: scripts and docs\"");
  }

  @Test
  void of_hookOrMissingFile_isEmpty() throws Exception {
    assertThat(SkillMeatMetadata.of(tmp.resolve("hooks/x.md"), ArtifactType.HOOK)).isEmpty();
    assertThat(SkillMeatMetadata.of(tmp.resolve("skills/none"), ArtifactType.SKILL)).isEmpty();
  }
}
