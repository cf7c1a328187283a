package dev.tiersync.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.upstream.FetchPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pin gives a read of many artifacts one view of the tier files, read once. */
class TierReaderPinTest {
  private static final ArtifactId PDF = ArtifactId.parse("skill:pdf-tools");

  @TempDir Path tmp;
  private Tiers tiers;
  private SyncEngine engine;
  private TierScope scope;
  private byte[] deployedTracking;

  @BeforeEach
  void setUp() throws Exception {
    tiers = Tiers.create(tmp);
    engine = tiers.engine().syncEngine();
    scope = tiers.scope();
    tiers.upstream().commit("add skill", Map.of("skills/pdf-tools/SKILL.md", "a\n"));
    tiers.collection().list(tiers.upstreamSkill("pdf-tools"));
    for (Direction d : new Direction[] {Direction.UPSTREAM_TO_COLLECTION, Direction.COLLECTION_TO_PROJECT}) {
      engine.apply(scope, d, engine.plan(scope, PDF, d, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null));
    }
    deployedTracking = Files.readAllBytes(scope.project().trackingFile());
  }

  @AfterEach
  void tearDown() {
    tiers.close();
  }

  @Test
  void underAPin_aTierFileIsSeenAsItsFirstReadFoundIt_andAfterwardsAsItIs() throws Exception {
    TierReader reader = engine.reader();
    try (TierReader.Pin pin = reader.pin()) {
      assertThat(reader.deployed(scope, PDF)).isPresent();
      Files.writeString(scope.project().trackingFile(), "");

      assertThat(reader.deployed(scope, PDF)).as("still the pinned view").isPresent();
      assertThat(reader.artifacts(scope)).contains(PDF);
    }

    assertThat(reader.deployed(scope, PDF)).isEmpty();
  }

  @Test
  void aPinInsideAPin_leavesTheOuterOneOpen_andOtherThreadsUnpinned() throws Exception {
    TierReader reader = engine.reader();
    try (TierReader.Pin outer = reader.pin()) {
      assertThat(reader.deployed(scope, PDF)).isPresent();
      try (TierReader.Pin inner = reader.pin()) {
        Files.writeString(scope.project().trackingFile(), "");
      }
      assertThat(reader.deployed(scope, PDF)).isPresent();

      boolean[] seenElsewhere = new boolean[1];
      Thread other = new Thread(() -> {
        try {
          seenElsewhere[0] = reader.deployed(scope, PDF).isPresent();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      other.start();
      other.join();
      assertThat(seenElsewhere[0]).as("another thread reads the file as it is").isFalse();
    }
    Files.write(scope.project().trackingFile(), deployedTracking);
    assertThat(reader.deployed(scope, PDF)).isPresent();
  }
}
