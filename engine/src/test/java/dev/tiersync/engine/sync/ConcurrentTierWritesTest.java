package dev.tiersync.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.skillmeat.SkillMeatHash;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.SidecarFile;
import dev.tiersync.engine.upstream.FetchPolicy;
import java.nio.file.Files;
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
  private TierWorkspace ws;
  private final List<ArtifactId> ids = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    ws = new TierWorkspace(tmp);
    Map<String, String> files = new HashMap<>();
    StringBuilder toml =
        new StringBuilder(
            """
            [collection]
            name = "default"
            version = "1.0.0"
            created = "2026-11-01T10:00:00"
            updated = "2026-11-01T10:00:00"
            """);
    for (int i = 0; i < N; i++) {
      String name = "skill-" + i;
      ids.add(ArtifactId.parse("skill:" + name));
      files.put("skills/" + name + "/SKILL.md", name + "\n" + BODY);
      toml.append(
          """

          [[artifacts]]
          name = "%s"
          type = "skill"
          path = "skills/%s"
          origin = "local"
          upstream = "%s"
          upstream_path = "skills/%s"
          version_spec = "main"
          added = "2026-11-01T10:00:00"
          """
              .formatted(name, name, ws.upstream.url(), name));
    }
    ws.commitUpstream("add skills", files);
    Files.writeString(ws.collection.manifestFile(), toml.toString());
  }

  @AfterEach
  void tearDown() {
    ws.close();
  }

  @Test
  void everyDirection_keepsEveryEntry_andTheNextMergeIsClean() throws Exception {
    assertThat(syncAllAtOnce(Direction.UPSTREAM_TO_COLLECTION))
        .containsOnly(Outcome.CREATED);
    String head = ws.snapshot(ids.get(0)).upstream().head().commitSha();
    CollectionManifest manifest = CollectionManifest.load(ws.collection.manifestFile());
    CollectionLock lock = CollectionLock.load(ws.collection.lockFile());
    SidecarFile<CollectionSidecar> sidecar = CollectionSidecar.load(ws.collection.sidecarFile());
    for (ArtifactId id : ids) {
      assertThat(manifest.find(id).orElseThrow().resolvedSha()).as("resolved_sha of %s", id).isEqualTo(head);
      assertThat(lock.find(id)).as("lock entry of %s", id).isPresent();
      assertThat(lock.find(id).orElseThrow().contentHash())
          .isEqualTo(SkillMeatHash.of(ws.collection.artifactPath(id)));
      assertThat(sidecar.find(id).orElseThrow().contentHash())
          .isEqualTo(ws.snapshot(id).collection().contentHash());
    }

    assertThat(syncAllAtOnce(Direction.COLLECTION_TO_PROJECT))
        .containsOnly(Outcome.CREATED);
    assertTrackingHoldsCollectionVersions();

    // The project edits its last line; pushing that back to the collection from every artifact
    // at once keeps every tracking entry too.
    for (ArtifactId id : ids) {
      ws.writeProject(id, "SKILL.md", id.name() + "\n" + BODY + "project line\n");
    }
    assertThat(syncAllAtOnce(Direction.PROJECT_TO_COLLECTION))
        .containsOnly(Outcome.UPDATED);
    assertTrackingHoldsCollectionVersions();

    // Both sides of both edges change different lines: every merge finds its base and is clean.
    Map<String, String> upstreamEdit = new HashMap<>();
    for (ArtifactId id : ids) {
      upstreamEdit.put("skills/" + id.name() + "/SKILL.md", id.name() + " (upstream)\n" + BODY);
    }
    ws.commitUpstream("edit first lines", upstreamEdit);
    assertThat(syncAllAtOnce(Direction.UPSTREAM_TO_COLLECTION))
        .containsOnly(Outcome.MERGED);
    for (ArtifactId id : ids) {
      ws.writeProject(id, "SKILL.md", id.name() + "\n" + PROJECT_EDIT + "project line\n");
    }
    assertThat(syncAllAtOnce(Direction.COLLECTION_TO_PROJECT))
        .containsOnly(Outcome.MERGED);
    for (ArtifactId id : ids) {
      assertThat(ws.readProject(id, "SKILL.md"))
          .isEqualTo(id.name() + " (upstream)\n" + PROJECT_EDIT + "project line\n");
    }
    assertTrackingHoldsCollectionVersions();
  }

  private void assertTrackingHoldsCollectionVersions() throws Exception {
    DeploymentTracking tracking = DeploymentTracking.load(ws.project.trackingFile());
    SidecarFile<DeploymentSidecar> sidecar = DeploymentSidecar.load(ws.project.sidecarFile());
    assertThat(tracking.entries()).hasSize(N);
    assertThat(sidecar.entries()).hasSize(N);
    for (ArtifactId id : ids) {
      assertThat(tracking.find(id)).as("tracking entry of %s", id).isPresent();
      assertThat(tracking.find(id).orElseThrow().contentHash())
          .as("tracked version of %s", id)
          .isEqualTo(SkillMeatHash.of(ws.collection.artifactPath(id)));
      assertThat(sidecar.find(id).orElseThrow().baseHash())
          .as("tiersync's base of %s", id)
          .isEqualTo(ws.snapshot(id).collection().contentHash());
    }
  }

  /** Plans then applies every artifact on its own thread, all released at one barrier. */
  private List<Outcome> syncAllAtOnce(Direction direction) throws Exception {
    List<ArtifactPlan> plans = new ArrayList<>();
    for (ArtifactId id : ids) {
      plans.add(ws.engine.plan(ws.scope, id, direction, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null));
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
                  return ws.engine.apply(ws.scope, direction, plan);
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
