package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.model.ArtifactId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The fixture project was deployed by the real SkillMeat CLI, which wrote these hashes. */
class SkillMeatHashTest {
  private static final Path PROJECT = Path.of("src/test/resources/skillmeat/project");

  @Test
  void of_matchesHashesWrittenBySkillMeat_forFolderAndSingleFile() throws Exception {
    DeploymentTracking tracking =
        DeploymentTracking.load(new ProjectLayout(PROJECT).trackingFile());
    DiskTreeReader reader = new DiskTreeReader(new HashCache());
    for (String id : new String[] {"skill:pdf-tools", "command:review", "agent:helper"}) {
      ArtifactId artifact = ArtifactId.parse(id);
      ArtifactTree tree =
          reader.read(new ProjectLayout(PROJECT).artifactPath(artifact)).orElseThrow();
      assertThat(SkillMeatHash.of(tree))
          .as(id)
          .isEqualTo(tracking.find(artifact).orElseThrow().contentHash())
          .isNotEqualTo(tree.contentHash());
    }
  }
}
