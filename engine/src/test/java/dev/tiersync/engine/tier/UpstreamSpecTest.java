package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.tier.ManifestArtifact.Origin;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpstreamSpecTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://github.com/anthropics/skills/tree/main/canvas-design | main | canvas-design",
        "https://github.com/anthropics/skills/tree/v1.2.0/document-skills/pdf/ | v1.2.0 |"
            + " document-skills/pdf",
        "https://github.com/anthropics/skills/tree/0f3c2b7a9d41e5c6b8a7f9e0d1c2b3a4f5e6d7c8/a/b/c |"
            + " 0f3c2b7a9d41e5c6b8a7f9e0d1c2b3a4f5e6d7c8 | a/b/c",
        "http://www.github.com/anthropics/skills/tree/dev/x%20y | dev | x y",
        "https://github.com/anthropics/skills/tree/main | main | ''",
      })
  void of_gitHubTreeUrl_splitsRepositoryRefAndPath(String url, String ref, String path) {
    assertThat(UpstreamSpec.of(entry(Origin.GITHUB, url, null, null)))
        .contains(new UpstreamSpec("https://github.com/anthropics/skills.git", ref, path));
  }

  @Test
  void of_gitHubTreeUrlFollowingLatest_usesDefaultBranch() {
    String url = "https://github.com/anthropics/skills/tree/0f3c2b7/document-skills/canvas-design";

    assertThat(UpstreamSpec.of(entry(Origin.GITHUB, url, null, "latest")))
        .contains(
            new UpstreamSpec(
                "https://github.com/anthropics/skills.git", null, "document-skills/canvas-design"));
  }

  @Test
  void of_gitHubTreeUrlWithVersionSpec_followsVersionSpecNotPinnedCommit() {
    String url = "https://github.com/o/r/tree/0f3c2b7/skills/pdf";

    assertThat(UpstreamSpec.of(entry(Origin.GITHUB, url, null, "v2.0.0")).orElseThrow().ref())
        .isEqualTo("v2.0.0");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "file:///srv/git/team-skills.git | main | main",
        "git@github.com:team/skills.git | v1 | v1",
        "/srv/git/team-skills | latest | ",
        "https://github.com/team/skills.git | | ",
      })
  void of_gitUrlOrLocalPath_usesUpstreamPathAndVersionSpec(
      String url, String versionSpec, String ref) {
    assertThat(UpstreamSpec.of(entry(Origin.GIT, url, "skills/pdf-tools/", versionSpec)))
        .contains(new UpstreamSpec(url, ref, "skills/pdf-tools"));
  }

  @Test
  void of_localArtifact_isEmpty() {
    assertThat(UpstreamSpec.of(entry(Origin.LOCAL, null, null, null))).isEmpty();
  }

  @Test
  void of_gitUrlWithoutUpstreamPath_namesField() {
    assertThatThrownBy(
            () -> UpstreamSpec.of(entry(Origin.GIT, "file:///srv/git/x.git", null, "main")))
        .isInstanceOfSatisfying(
            InvalidTierFileException.class, e -> assertThat(e.field()).isEqualTo("upstream_path"));
  }

  @Test
  void of_upstreamPathLeavingRepository_namesField() {
    assertThatThrownBy(
            () -> UpstreamSpec.of(entry(Origin.GIT, "file:///srv/git/x.git", "../secrets", null)))
        .isInstanceOfSatisfying(
            InvalidTierFileException.class, e -> assertThat(e.field()).isEqualTo("upstream_path"))
        .hasMessageContaining("'..'");
  }

  @Test
  void of_gitHubTreeUrlLeavingRepository_namesField() {
    assertThatThrownBy(
            () ->
                UpstreamSpec.of(
                    entry(Origin.GITHUB, "https://github.com/o/r/tree/main/a/../../x", null, null)))
        .isInstanceOfSatisfying(
            InvalidTierFileException.class, e -> assertThat(e.field()).isEqualTo("upstream"));
  }

  private static ManifestArtifact entry(
      Origin origin, String upstream, String upstreamPath, String versionSpec) {
    return new ManifestArtifact(
        "pdf-tools",
        ArtifactType.SKILL,
        null,
        origin,
        upstream,
        upstreamPath,
        versionSpec,
        null,
        null,
        Instant.EPOCH,
        null,
        null);
  }
}
