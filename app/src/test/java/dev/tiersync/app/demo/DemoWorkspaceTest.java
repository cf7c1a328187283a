package dev.tiersync.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.status.EdgeStatus;
import dev.tiersync.engine.status.SyncStatus;
import dev.tiersync.engine.sync.ArtifactSnapshot;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.testing.TestEngine;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.ProjectLayout;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo workspace, built and then read through the real engine, as the app does. */
class DemoWorkspaceTest {
  @TempDir Path dataDir;

  private TestEngine testEngine;
  private UpstreamCache upstreams;
  private SyncEngine engine;
  private DemoWorkspace demo;

  @BeforeEach
  void engine() {
    testEngine = TestEngine.open(dataDir);
    upstreams = testEngine.upstreams();
    engine = testEngine.syncEngine();
    demo = new DemoWorkspace(DemoWorkspace.rootOf(dataDir));
  }

  @AfterEach
  void close() {
    testEngine.close();
  }

  @Test
  void seedIfAbsent_showsEveryStatusOnTheExpectedEdges() throws Exception {
    assertThat(demo.seedIfAbsent(engine, upstreams)).isTrue();

    Map<String, SyncStatus[]> expected = new LinkedHashMap<>();
    expected.put("skill:pdf-tools", edges(SyncStatus.SYNCED, SyncStatus.SYNCED));
    expected.put("skill:release-notes", edges(SyncStatus.OUTDATED, SyncStatus.SYNCED));
    expected.put("skill:code-review", edges(SyncStatus.SYNCED, SyncStatus.MODIFIED));
    expected.put("skill:sql-helper", edges(SyncStatus.DIVERGED, null));
    expected.put("skill:test-writer", edges(SyncStatus.MISSING, null));
    expected.put("command:deploy", edges(null, SyncStatus.DIVERGED));
    expected.put("agent:architect", edges(null, SyncStatus.CONFLICT));
    expected.put("hook:format-on-save", edges(null, SyncStatus.MISSING));

    TierScope scope = scope();
    assertThat(engine.artifacts(scope).stream().map(ArtifactId::toString)).containsExactlyInAnyOrderElementsOf(expected.keySet());
    Set<SyncStatus> seen = EnumSet.noneOf(SyncStatus.class);
    for (Map.Entry<String, SyncStatus[]> e : expected.entrySet()) {
      ArtifactSnapshot s = engine.snapshot(scope, ArtifactId.parse(e.getKey()), FetchPolicy.IF_MISSING);
      SyncStatus[] want = e.getValue();
      if (want[0] != null) {
        assertThat(status(s.upstreamToCollection())).as(e.getKey() + " upstream → collection").isEqualTo(want[0]);
      }
      if (want[1] != null) {
        assertThat(status(s.collectionToProject())).as(e.getKey() + " collection → project").isEqualTo(want[1]);
      }
      seen.add(s.overall());
    }
    assertThat(seen)
        .contains(
            SyncStatus.SYNCED, SyncStatus.OUTDATED, SyncStatus.MODIFIED, SyncStatus.DIVERGED,
            SyncStatus.CONFLICT, SyncStatus.MISSING);
  }

  @Test
  void conflictArtifact_reallyConflictsWhenSynced() throws Exception {
    demo.seedIfAbsent(engine, upstreams);

    ArtifactPlan plan =
        engine.plan(
            scope(), ArtifactId.parse("agent:architect"), Direction.COLLECTION_TO_PROJECT,
            MergeStrategy.AUTO, FetchPolicy.IF_MISSING, null);

    assertThat(plan.action()).isEqualTo(PlanAction.CONFLICT);
    assertThat(plan.conflicts()).isNotEmpty();
  }

  @Test
  void seedIfAbsent_keepsAnExistingWorkspace() throws Exception {
    demo.seedIfAbsent(engine, upstreams);
    Path edited = demo.project().resolve(".claude/agents/architect.md");
    Files.writeString(edited, "my own edit\n");

    assertThat(demo.seedIfAbsent(engine, upstreams)).isFalse();
    assertThat(Files.readString(edited)).isEqualTo("my own edit\n");
  }

  private TierScope scope() throws Exception {
    return new TierScope(
        new CollectionLayout(demo.collectionsRoot().resolve(DemoWorkspace.COLLECTION)),
        new ProjectLayout(demo.project().toRealPath()));
  }

  private static SyncStatus[] edges(SyncStatus upstreamToCollection, SyncStatus collectionToProject) {
    return new SyncStatus[] {upstreamToCollection, collectionToProject};
  }

  private static SyncStatus status(EdgeStatus e) {
    return e == null ? null : e.status();
  }
}
