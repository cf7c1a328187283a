package dev.tiersync.engine.collection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.CollectionChange;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.status.SyncStatus;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.upstream.FetchPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding and re-pinning on real folders and a real upstream with tags and branches. */
class ArtifactAdditionsTest {
  private static final ArtifactId PDF = ArtifactId.parse("skill:pdf-tools");

  @TempDir Path tmp;
  private Tiers tiers;
  private SyncEngine engine;
  private ArtifactAdditions additions;
  private TierScope scope;
  private RevCommit v1;
  private RevCommit head;

  @BeforeEach
  void setUp() throws Exception {
    tiers = Tiers.create(tmp);
    engine = tiers.engine().syncEngine();
    additions = new ArtifactAdditions(engine, Clock.systemUTC());
    scope = tiers.scope();
    v1 = tiers.upstream().commit("add pdf", Map.of("skills/pdf-tools/SKILL.md", "v1\n"));
    tiers.upstream().tag("v1", true);
    tiers.upstream().commit("other", Map.of("commands/review.md", "review\n"));
    head = tiers.upstream().commit("pdf v2", Map.of("skills/pdf-tools/SKILL.md", "v2\n", "skills/pdf-tools/ref.md", "r\n"));
  }

  @AfterEach
  void tearDown() {
    tiers.close();
  }

  private CollectionChange change(String id, String path, String spec) {
    return new CollectionChange(id, tiers.upstream().url(), path, spec);
  }

  @Test
  void add_plansACreate_writingNothing_thenWritesEntryFilesAndLock() throws Exception {
    String before = tiers.fingerprint();

    ArtifactPlan plan = additions.planAdd(scope, change("skill:pdf-tools", "skills/pdf-tools", "v1"), FetchPolicy.ALWAYS, null);

    assertThat(plan.action()).isEqualTo(PlanAction.CREATE);
    assertThat(plan.filesAdded()).containsExactly("SKILL.md");
    assertThat(tiers.fingerprint()).as("a plan writes nothing").isEqualTo(before);

    ArtifactResult r = additions.applyAdd(scope, change("skill:pdf-tools", "skills/pdf-tools", "v1"), plan);

    assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(tiers.collection().read(PDF, "SKILL.md")).isEqualTo("v1\n");
    ManifestArtifact entry = CollectionManifest.load(tiers.collection().manifestFile()).find(PDF).orElseThrow();
    assertThat(entry.upstream()).isEqualTo(tiers.upstream().url());
    assertThat(entry.upstreamPath()).isEqualTo("skills/pdf-tools");
    assertThat(entry.versionSpec()).isEqualTo("v1");
    assertThat(entry.resolvedSha()).isEqualTo(v1.getName());
    assertThat(entry.origin()).isEqualTo(ManifestArtifact.Origin.LOCAL);
    assertThat(CollectionLock.load(tiers.collection().lockFile()).find(PDF)).isPresent();
    assertThat(CollectionSidecar.load(tiers.collection().layout().sidecarFile()).find(PDF)).isPresent();
    assertThat(engine.snapshot(scope, PDF, FetchPolicy.NEVER).upstreamToCollection().status())
        .isEqualTo(SyncStatus.SYNCED);
  }

  @Test
  void add_ofAListedArtifact_orOneOnDisk_orAPathUpstreamLacks_failsInThePlan() throws Exception {
    ArtifactPlan first = additions.planAdd(scope, change("skill:pdf-tools", "skills/pdf-tools", "v1"), FetchPolicy.ALWAYS, null);
    additions.applyAdd(scope, change("skill:pdf-tools", "skills/pdf-tools", "v1"), first);
    tiers.collection().write(ArtifactId.parse("skill:mine"), "SKILL.md", "mine\n");

    ArtifactPlan listed = additions.planAdd(scope, change("skill:pdf-tools", "skills/pdf-tools", "main"), FetchPolicy.ALWAYS, null);
    ArtifactPlan onDisk = additions.planAdd(scope, change("skill:mine", "skills/pdf-tools", "main"), FetchPolicy.ALWAYS, null);
    ArtifactPlan absent = additions.planAdd(scope, change("skill:nope", "skills/nope", "main"), FetchPolicy.ALWAYS, null);

    assertThat(listed.failed()).isTrue();
    assertThat(listed.reason()).contains("already listed in collection.toml");
    assertThat(onDisk.reason()).contains("already exists in the collection");
    assertThat(absent.reason()).contains("nothing at 'skills/nope'");
    assertThat(additions.planAdd(scope, change("skill:commands", "commands", "main"), FetchPolicy.ALWAYS, null).reason())
        .as("a folder without SKILL.md is not a skill")
        .contains("holds no SKILL.md");
  }

  @Test
  void add_retriedAfterItsEntryWasWritten_goesOn() throws Exception {
    CollectionChange c = change("skill:pdf-tools", "skills/pdf-tools", "v1");
    ArtifactPlan plan = additions.planAdd(scope, c, FetchPolicy.ALWAYS, null);
    additions.applyAdd(scope, c, plan);

    ArtifactResult retry = additions.applyAdd(scope, c, plan);

    assertThat(retry.outcome()).as("idempotent: the planned version is there").isEqualTo(Outcome.CREATED);
    assertThat(CollectionManifest.load(tiers.collection().manifestFile()).artifacts()).hasSize(1);
  }

  @Test
  void pin_toTheBranch_plansTheUpdate_thenWritesSpecAndContent() throws Exception {
    CollectionChange c = change("skill:pdf-tools", "skills/pdf-tools", "v1");
    additions.applyAdd(scope, c, additions.planAdd(scope, c, FetchPolicy.ALWAYS, null));

    ArtifactPlan plan = additions.planPin(scope, PDF, "main", FetchPolicy.ALWAYS, null);

    assertThat(plan.action()).isEqualTo(PlanAction.UPDATE);
    assertThat(plan.filesModified()).containsExactly("SKILL.md");
    assertThat(plan.filesAdded()).containsExactly("ref.md");
    assertThat(CollectionManifest.load(tiers.collection().manifestFile()).find(PDF).orElseThrow().versionSpec())
        .as("the plan writes nothing").isEqualTo("v1");

    ArtifactResult r = additions.applyPin(scope, PDF, "main", plan);

    assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
    ManifestArtifact entry = CollectionManifest.load(tiers.collection().manifestFile()).find(PDF).orElseThrow();
    assertThat(entry.versionSpec()).isEqualTo("main");
    assertThat(entry.resolvedSha()).isEqualTo(head.getName());
    assertThat(tiers.collection().read(PDF, "SKILL.md")).isEqualTo("v2\n");
  }

  @Test
  void pin_ofALocalArtifact_fails() throws Exception {
    tiers.collection().write(PDF, "SKILL.md", "mine\n");

    assertThat(additions.planPin(scope, PDF, "main", FetchPolicy.ALWAYS, null).reason())
        .contains("is not listed in collection.toml");
  }

  @Test
  void manyConcurrentAdds_keepEveryEntry() throws Exception {
    List<String> names = new ArrayList<>();
    Map<String, String> files = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      names.add("s" + i);
      files.put("skills/s" + i + "/SKILL.md", "skill " + i + "\n");
    }
    tiers.upstream().commit("many", files);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<ArtifactResult>> results = new ArrayList<>();
      for (String n : names) {
        results.add(pool.submit(() -> {
          CollectionChange c = change("skill:" + n, "skills/" + n, "main");
          return additions.applyAdd(scope, c, additions.planAdd(scope, c, FetchPolicy.IF_MISSING, null));
        }));
      }
      for (Future<ArtifactResult> f : results) {
        assertThat(f.get().outcome()).isEqualTo(Outcome.CREATED);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(CollectionManifest.load(tiers.collection().manifestFile()).artifacts()).hasSize(12);
    assertThat(CollectionLock.load(tiers.collection().lockFile()).entries()).hasSize(12);
    for (String n : names) {
      assertThat(engine.snapshot(scope, ArtifactId.parse("skill:" + n), FetchPolicy.NEVER).upstreamToCollection().status())
          .isEqualTo(SyncStatus.SYNCED);
    }
  }
}
