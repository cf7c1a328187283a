package dev.tiersync.engine.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionsRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionCreatorTest {
  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

  @TempDir Path tmp;

  private CollectionCreator creator() {
    return new CollectionCreator(
        new CollectionsRoot(tmp.resolve("collections")), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void plan_namesTheFiles_andWritesNothing() {
    ArtifactPlan plan = creator().plan("team");

    assertThat(plan.action()).isEqualTo(PlanAction.CREATE);
    assertThat(plan.artifactId()).isEqualTo("collection:team");
    assertThat(plan.filesAdded()).containsExactly("collection.toml", "collection.lock");
    assertThat(tmp.resolve("collections")).doesNotExist();
  }

  @Test
  void create_writesAnEmptyCollectionAsSkillMeatInitDoes() throws Exception {
    ArtifactResult r = creator().create("team");

    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    Path dir = tmp.resolve("collections/team");
    CollectionManifest manifest = CollectionManifest.load(dir.resolve("collection.toml"));
    assertThat(manifest.name()).isEqualTo("team");
    assertThat(manifest.version()).isEqualTo("1.0.0");
    assertThat(manifest.created()).isEqualTo(NOW);
    assertThat(manifest.artifacts()).isEmpty();
    assertThat(CollectionLock.load(dir.resolve("collection.lock")).entries()).isEmpty();
    assertThat(Files.readString(dir.resolve("collection.lock"))).contains("[lock]");
  }

  @Test
  void anExistingCollection_isRefused_andLeftAsItWas() throws Exception {
    creator().create("team");
    Path manifest = tmp.resolve("collections/team/collection.toml");
    Files.writeString(manifest, Files.readString(manifest) + "# mine\n");
    String before = Files.readString(manifest);

    assertThat(creator().plan("team").failed()).isTrue();
    ArtifactResult again = creator().create("team");

    assertThat(again.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(again.reason()).contains("collection 'team' already exists");
    assertThat(Files.readString(manifest)).isEqualTo(before);
  }

  @Test
  void manyCreationsOfOneName_makeOneCollection() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ArtifactResult>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Callable<ArtifactResult> create = () -> creator().create("team");
        results.add(pool.submit(create));
      }
      int created = 0;
      for (Future<ArtifactResult> f : results) {
        created += f.get().outcome() == Outcome.CREATED ? 1 : 0;
      }
      assertThat(created).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aNameThatCannotBeAFolder_isRefused() {
    assertThatThrownBy(() -> creator().plan("../up"))
        .isInstanceOf(InvalidArtifactIdException.class)
        .hasMessageContaining("collection name");
    assertThat(tmp.resolve("up")).doesNotExist();
  }
}
