package dev.tiersync.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.ArtifactPolicy;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.upstream.FetchPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared manifest of reads is parsed again when collection.toml or its sidecar changes. */
class TierReaderSharedManifestTest {
  private static final ArtifactId PDF = ArtifactId.parse("skill:pdf-tools");

  @TempDir Path tmp;

  @Test
  void sharedWhileUnchanged_reparsedWhenTheManifestOrTheSidecarChanges() throws Exception {
    Tiers tiers = Tiers.create(tmp);
    SyncEngine engine = tiers.engine().syncEngine();
    TierScope scope = new TierScope(tiers.collection().layout(), null);
    tiers.upstream().commit("add skill", Map.of("skills/pdf-tools/SKILL.md", "a\n"));
    tiers.collection().list(tiers.upstreamSkill("pdf-tools"));
    Direction d = Direction.UPSTREAM_TO_COLLECTION;
    engine.apply(scope, d, engine.plan(scope, PDF, d, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null));
    TierReader reader = engine.reader();

    CollectionManifest first = reader.sharedManifest(scope);
    assertThat(reader.sharedManifest(scope)).isSameAs(first);
    assertThat(first.policy(PDF)).isEqualTo(ArtifactPolicy.NONE);

    Path toml = scope.collection().manifestFile();
    Files.writeString(toml, Files.readString(toml).replace("name = \"pdf-tools\"\n", "name = \"pdf-tools\"\nhold = true\n"));
    CollectionManifest edited = reader.sharedManifest(scope);
    assertThat(edited).isNotSameAs(first);
    assertThat(edited.policy(PDF).hold()).isTrue();

    Path sidecar = scope.collection().sidecarFile();
    Files.writeString(sidecar, Files.readString(sidecar) + "\n# touched\n");
    assertThat(reader.sharedManifest(scope)).isNotSameAs(edited);
  }
}
