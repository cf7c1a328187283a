package dev.tiersync.activities;

import static dev.tiersync.activities.ActivityTestEnvironment.assertPermanent;
import static dev.tiersync.activities.ActivityTestEnvironment.outlastHeartbeatThrottle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.history.LineageKey;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.skillmeat.SkillMeatHash;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.sync.ApplyActivities;
import dev.tiersync.workflows.sync.ApplyInput;
import dev.tiersync.workflows.sync.FetchActivities;
import dev.tiersync.workflows.sync.FetchInput;
import dev.tiersync.workflows.sync.FetchResult;
import dev.tiersync.workflows.sync.MergeActivities;
import dev.tiersync.workflows.sync.MergeInput;
import dev.tiersync.workflows.sync.MergeResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetch, merge and apply activities in Temporal's test activity environment, on real tiers
 * and a real {@code file://} upstream: what they write, that they heartbeat once per artifact,
 * that a cancel coming back in a heartbeat's answer ends them canceled, which failures are
 * permanent, and that a second apply of a plan writes nothing.
 */
class SyncActivitiesTest {
  private static final String[] ABC = {"skill:a", "skill:b", "skill:c"};

  @TempDir Path tmp;
  private ActivityTestEnvironment acts;
  private FetchActivities fetch;
  private MergeActivities merge;
  private ApplyActivities apply;

  @BeforeEach
  void setUp() throws Exception {
    acts = new ActivityTestEnvironment(tmp);
    fetch = acts.stub(FetchActivities.class);
    merge = acts.stub(MergeActivities.class);
    apply = acts.stub(ApplyActivities.class);
  }

  @AfterEach
  void tearDown() {
    acts.close();
  }

  @Test
  void upstreamToCollection_writesTheUpstreamVersionWithItsLockEntryAndCommit() throws Exception {
    String head = acts.tiers.addUpstreamSkill("pdf-tools", "a\nb\n").name();

    List<ArtifactResult> results =
        acts.runSync(acts.sync(Direction.UPSTREAM_TO_COLLECTION, "skill:pdf-tools"));

    ArtifactId id = ArtifactId.parse("skill:pdf-tools");
    Path written = acts.tiers.collection().artifact(id);
    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
      assertThat(r.afterHash()).isEqualTo(Tiers.hash(written));
    });
    assertThat(acts.tiers.collection().read(id, "SKILL.md")).isEqualTo("a\nb\n");
    CollectionLock lock = CollectionLock.load(acts.tiers.collection().lockFile());
    assertThat(lock.find(id).orElseThrow().contentHash()).isEqualTo(SkillMeatHash.of(written));
    CollectionManifest manifest = CollectionManifest.load(acts.tiers.collection().manifestFile());
    assertThat(manifest.find(id).orElseThrow().resolvedSha()).isEqualTo(head);
  }

  @Test
  void fetchAndMerge_heartbeatOncePerArtifact() throws Exception {
    collectionSkills(ABC);
    acts.onEachStep(step -> outlastHeartbeatThrottle());
    JobRequest request = acts.sync(Direction.COLLECTION_TO_PROJECT, ABC);

    FetchResult fetched = fetch.fetch(new FetchInput(request));
    merge.merge(new MergeInput(request, fetched.artifacts()));

    assertThat(acts.heartbeats)
        .containsExactly(
            "fetch 0/3", "fetch 1/3", "fetch 2/3", "merge 0/3", "merge 1/3", "merge 2/3");
  }

  @Test
  void fetch_heartbeatsWhileItFetchesTheUpstream() throws Exception {
    acts.tiers.addUpstreamSkill("pdf-tools", "a\n");
    AtomicBoolean firstPhase = new AtomicBoolean(true);
    acts.onEachStep(step -> {
      // The artifact's own step is "fetch 0/1 skill:pdf-tools"; the clone's phases follow it.
      if (!step.endsWith("skill:pdf-tools") && firstPhase.getAndSet(false)) {
        outlastHeartbeatThrottle();
      }
    });

    fetchFromUpstream("skill:pdf-tools");

    assertThat(acts.heartbeats).first().isEqualTo("fetch 0/1");
    assertThat(acts.heartbeats.subList(1, acts.heartbeats.size()))
        .as("the clone of the upstream heartbeats its phases")
        .isNotEmpty()
        .allSatisfy(h -> assertThat(h).startsWith("fetch ").endsWith(" 0/1"))
        .doesNotContain("fetch 0/1");
  }

  @Test
  void fetch_cancelWhileItFetchesTheUpstream_endsCanceled_notAsARetryableTransferError()
      throws Exception {
    acts.tiers.addUpstreamSkill("pdf-tools", "a\n");
    AtomicBoolean firstPhase = new AtomicBoolean(true);
    acts.onEachStep(step -> {
      if (!step.endsWith("skill:pdf-tools") && firstPhase.getAndSet(false)) {
        acts.requestCancel();
        outlastHeartbeatThrottle();
      }
    });

    assertThatThrownBy(() -> fetchFromUpstream("skill:pdf-tools"))
        .isInstanceOf(CanceledFailure.class);
  }

  @Test
  void fetch_cancelInAHeartbeatAnswer_endsCanceledBeforeTheNextArtifact() throws Exception {
    collectionSkills(ABC);
    acts.onEachStep(step -> {
      if (step.startsWith("fetch 1/3")) {
        acts.requestCancel();
      }
      outlastHeartbeatThrottle();
    });

    JobRequest request = acts.sync(Direction.COLLECTION_TO_PROJECT, ABC);

    assertThatThrownBy(() -> fetch.fetch(new FetchInput(request)))
        .isInstanceOf(CanceledFailure.class);
    assertThat(acts.progress).containsExactly("fetch 0/3 skill:a", "fetch 1/3 skill:b");
  }

  @Test
  void merge_cancelInAHeartbeatAnswer_endsCanceledBeforeTheNextArtifact() throws Exception {
    collectionSkills(ABC);
    JobRequest request = acts.sync(Direction.COLLECTION_TO_PROJECT, ABC);
    FetchResult fetched = fetch.fetch(new FetchInput(request));
    acts.progress.clear();
    acts.onEachStep(step -> {
      if (step.startsWith("merge 0/3")) {
        acts.requestCancel();
      }
      outlastHeartbeatThrottle();
    });

    assertThatThrownBy(() -> merge.merge(new MergeInput(request, fetched.artifacts())))
        .isInstanceOf(CanceledFailure.class);
    assertThat(acts.progress).containsExactly("merge 0/3 skill:a");
  }

  @Test
  void apply_cancelInTheFirstHeartbeatAnswer_writesNothing() throws Exception {
    collectionSkills("skill:a");
    JobRequest request = acts.sync(Direction.COLLECTION_TO_PROJECT, "skill:a");
    List<ArtifactPlan> plans = acts.plan(request);
    acts.requestCancel();

    assertThatThrownBy(() -> apply.apply(new ApplyInput(request, plans.get(0))))
        .isInstanceOf(CanceledFailure.class);
    assertThat(acts.tiers.project().path("skills/a")).doesNotExist();
    assertThat(acts.tiers.project().trackingFile()).doesNotExist();
  }

  @Test
  void apply_runTwice_answersTheSameAndWritesOnce() throws Exception {
    collectionSkills("skill:a");
    JobRequest request = acts.sync(Direction.COLLECTION_TO_PROJECT, "skill:a");
    ArtifactPlan plan = acts.plan(request).get(0);
    ArtifactResult first = apply.apply(new ApplyInput(request, plan));
    Path file = acts.tiers.project().path("skills/a/SKILL.md");
    BasicFileAttributes written = Files.readAttributes(file, BasicFileAttributes.class);
    LineageKey lineage =
        LineageKey.project(ArtifactId.parse("skill:a"), Path.of(acts.projectPath()));
    int versions = acts.tiers.engine().history().lineage(lineage).size();

    ArtifactResult second = apply.apply(new ApplyInput(request, plan));

    assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(second).as("a retry answers as the first run did").isEqualTo(first);
    BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
    assertThat(after.fileKey()).as("the file was not written again").isEqualTo(written.fileKey());
    assertThat(after.lastModifiedTime()).isEqualTo(written.lastModifiedTime());
    assertThat(acts.tiers.engine().history().lineage(lineage)).hasSize(versions);
    assertThat(DeploymentTracking.load(acts.tiers.project().trackingFile()).entries()).hasSize(1);
  }

  @Test
  void fetchAndMerge_runTwice_answerTheSame() throws Exception {
    collectionSkills(ABC);
    JobRequest request = acts.sync(Direction.COLLECTION_TO_PROJECT, ABC);

    FetchResult fetched = fetch.fetch(new FetchInput(request));
    MergeResult merged = merge.merge(new MergeInput(request, fetched.artifacts()));

    assertThat(fetch.fetch(new FetchInput(request))).isEqualTo(fetched);
    assertThat(merge.merge(new MergeInput(request, fetched.artifacts()))).isEqualTo(merged);
  }

  @Test
  void fetch_missingUpstreamRepository_isNotFoundAndNotRetried() throws Exception {
    acts.tiers.collection()
        .list(ManifestEntry.upstreamSkill("gone", "file://" + tmp.resolve("no-such-repo.git")));

    assertPermanent(
        () -> fetchFromUpstream("skill:gone"),
        ErrorTypes.NOT_FOUND);
    assertThat(acts.tiers.collection().path("skills/gone")).doesNotExist();
  }

  @Test
  void fetch_missingRef_isNotFoundAndNotRetried() throws Exception {
    acts.tiers.upstream().commit("add", java.util.Map.of("skills/pinned/SKILL.md", "a\n"));
    acts.tiers.collection().list(acts.tiers.upstreamSkill("pinned").withVersionSpec("v9"));

    assertPermanent(
        () -> fetchFromUpstream("skill:pinned"),
        ErrorTypes.NOT_FOUND);
  }

  @Test
  void fetch_unreachableUpstream_isTransientAndMayBeRetried() throws Exception {
    acts.tiers.collection()
        .list(ManifestEntry.upstreamSkill("down", "http://127.0.0.1:1/team/skills.git"));

    assertThatThrownBy(() -> fetchFromUpstream("skill:down"))
        .isInstanceOfSatisfying(ActivityFailure.class, f ->
            assertThat(f.getCause()).isInstanceOfSatisfying(ApplicationFailure.class, a -> {
              assertThat(a.getType()).isEqualTo(ErrorTypes.TRANSIENT_IO);
              assertThat(a.isNonRetryable()).isFalse();
            }));
  }

  @Test
  void resolveArtifacts_projectOutsideTheRoots_isValidationAndNotRetried() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside/.claude")).getParent();

    assertPermanent(
        () -> fetch.resolveArtifacts(
            acts.syncIn(outside.toString(), Direction.COLLECTION_TO_PROJECT, "skill:a")),
        ErrorTypes.VALIDATION);
  }

  @Test
  void apply_linkLeavingTheArtifact_isUnsafePathAndNotRetried_andWritesNothing() throws Exception {
    collectionSkills("skill:evil");
    Files.createSymbolicLink(
        acts.tiers.collection().path("skills/evil/leak"), Path.of("../../../../etc/passwd"));
    JobRequest request = acts.sync(Direction.COLLECTION_TO_PROJECT, "skill:evil");

    assertPermanent(() -> acts.runSync(request), ErrorTypes.UNSAFE_PATH);
    assertThat(acts.tiers.project().path("skills/evil")).doesNotExist();
  }

  private FetchResult fetchFromUpstream(String id) {
    return fetch.fetch(new FetchInput(acts.sync(Direction.UPSTREAM_TO_COLLECTION, id)));
  }

  /** Local skills of the collection, each with a SKILL.md naming it. */
  private void collectionSkills(String... ids) throws Exception {
    for (String id : ids) {
      acts.localSkill(id, ArtifactId.parse(id).name() + "\nline 2\n");
    }
  }
}
