package dev.tiersync.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.skillmeat.SkillMeatHash;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.SidecarFile;
import dev.tiersync.engine.upstream.FetchPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many applies on different artifacts of one collection and one project at the same moment: every
 * artifact's entry in the shared tier files survives (each apply re-reads the current file under
 * the tier's writer lock), so the next sync of each artifact finds its base and merges cleanly.
 */
class ConcurrentTierWritesTest {
  private static final int N = 24;
  private static final String BODY = "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\n";
  private static final String PROJECT_EDIT = "line 1\nline 2\nline 3\nline 4 (project)\nline 5\nline 6\n";

  @TempDir Path tmp;
  private Tiers tiers;
  private SyncEngine engine;
  private TierScope scope;
  private final List<ArtifactId> ids = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    tiers = Tiers.create(tmp);
    engine = tiers.engine().syncEngine();
    scope = tiers.scope();
    Map<String, String> files = new HashMap<>();
    List<ManifestEntry> entries = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      String name = "skill-" + i;
      ids.add(ArtifactId.parse("skill:" + name));
      files.put("skills/" + name + "/SKILL.md", name + "\n" + BODY);
      entries.add(tiers.upstreamSkill(name).withOrigin("local"));
    }
    tiers.upstream().commit("add skills", files);
    tiers.collection().list(entries.toArray(ManifestEntry[]::new));
  }

  @AfterEach
  void tearDown() {
    tiers.close();
  }

  @Test
  void everyDirection_keepsEveryEntry_andTheNextMergeIsClean() throws Exception {
    assertThat(syncAllAtOnce(Direction.UPSTREAM_TO_COLLECTION))
        .containsOnly(Outcome.CREATED);
    String head = snapshot(ids.get(0)).upstream().head().commitSha();
    CollectionManifest manifest = CollectionManifest.load(tiers.collection().manifestFile());
    CollectionLock lock = CollectionLock.load(tiers.collection().lockFile());
    SidecarFile<CollectionSidecar> sidecar = CollectionSidecar.load(tiers.collection().layout().sidecarFile());
    for (ArtifactId id : ids) {
      assertThat(manifest.find(id).orElseThrow().resolvedSha()).as("resolved_sha of %s", id).isEqualTo(head);
      assertThat(lock.find(id)).as("lock entry of %s", id).isPresent();
      assertThat(lock.find(id).orElseThrow().contentHash())
          .isEqualTo(SkillMeatHash.of(tiers.collection().artifact(id)));
      assertThat(sidecar.find(id).orElseThrow().contentHash())
          .isEqualTo(snapshot(id).collection().contentHash());
    }

    assertThat(syncAllAtOnce(Direction.COLLECTION_TO_PROJECT))
        .containsOnly(Outcome.CREATED);
    assertTrackingHoldsCollectionVersions();

    // The project edits its last line; pushing that back to the collection from every artifact
    // at once keeps every tracking entry too.
    for (ArtifactId id : ids) {
      tiers.project().write(id, "SKILL.md", id.name() + "\n" + BODY + "project line\n");
    }
    assertThat(syncAllAtOnce(Direction.PROJECT_TO_COLLECTION))
        .containsOnly(Outcome.UPDATED);
    assertTrackingHoldsCollectionVersions();

    // Both sides of both edges change different lines: every merge finds its base and is clean.
    Map<String, String> upstreamEdit = new HashMap<>();
    for (ArtifactId id : ids) {
      upstreamEdit.put("skills/" + id.name() + "/SKILL.md", id.name() + " (upstream)\n" + BODY);
    }
    tiers.upstream().commit("edit first lines", upstreamEdit);
    assertThat(syncAllAtOnce(Direction.UPSTREAM_TO_COLLECTION))
        .containsOnly(Outcome.MERGED);
    for (ArtifactId id : ids) {
      tiers.project().write(id, "SKILL.md", id.name() + "\n" + PROJECT_EDIT + "project line\n");
    }
    assertThat(syncAllAtOnce(Direction.COLLECTION_TO_PROJECT))
        .containsOnly(Outcome.MERGED);
    for (ArtifactId id : ids) {
      assertThat(tiers.project().read(id, "SKILL.md"))
          .isEqualTo(id.name() + " (upstream)\n" + PROJECT_EDIT + "project line\n");
    }
    assertTrackingHoldsCollectionVersions();
  }

  private void assertTrackingHoldsCollectionVersions() throws Exception {
    DeploymentTracking tracking = DeploymentTracking.load(tiers.project().trackingFile());
    SidecarFile<DeploymentSidecar> sidecar = DeploymentSidecar.load(tiers.project().layout().sidecarFile());
    assertThat(tracking.entries()).hasSize(N);
    assertThat(sidecar.entries()).hasSize(N);
    for (ArtifactId id : ids) {
      assertThat(tracking.find(id)).as("tracking entry of %s", id).isPresent();
      assertThat(tracking.find(id).orElseThrow().contentHash())
          .as("tracked version of %s", id)
          .isEqualTo(SkillMeatHash.of(tiers.collection().artifact(id)));
      assertThat(sidecar.find(id).orElseThrow().baseHash())
          .as("tiersync's base of %s", id)
          .isEqualTo(snapshot(id).collection().contentHash());
    }
  }

  private ArtifactSnapshot snapshot(ArtifactId id) throws Exception {
    return engine.snapshot(scope, id, FetchPolicy.ALWAYS);
  }

  /** Plans then applies every artifact on its own thread, all released at one barrier. */
  private List<Outcome> syncAllAtOnce(Direction direction) throws Exception {
    List<ArtifactPlan> plans = new ArrayList<>();
    for (ArtifactId id : ids) {
      plans.add(engine.plan(scope, id, direction, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null));
    }
    ExecutorService pool = Executors.newFixedThreadPool(N);
    try {
      CyclicBarrier start = new CyclicBarrier(N);
      List<Future<ArtifactResult>> futures = new ArrayList<>();
      for (ArtifactPlan plan : plans) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return engine.apply(scope, direction, plan);
                }));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<ArtifactResult> f : futures) {
        outcomes.add(f.get(2, TimeUnit.MINUTES).outcome());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
