package dev.tiersync.engine.patch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.Trees;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.engine.upstream.FetchPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PatchBase#LOCAL_CHANGES} on real tiers: an upstream reached by a {@code file://} URL, a
 * collection and a project moved by the engine's real syncs and resolves (so edge bases move as
 * they do in use), the merge base read from the history store, and every patch checked with the
 * real {@code git apply}.
 */
class LocalChangesPatchTest {
  private static final ArtifactId PDF = ArtifactId.parse("skill:pdf-tools");
  private static final String SKILL = "skills/pdf-tools/SKILL.md";
  private static final String REFERENCE = "skills/pdf-tools/reference.md";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-05T10:15:30Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  private Tiers tiers;
  private SyncEngine engine;
  private PatchBundleBuilder builder;
  private RevCommit a;

  /** Upstream version A of the skill, synced into the collection and deployed to the project. */
  @BeforeEach
  void deployedFromA() throws Exception {
    tiers = Tiers.create(tmp.resolve("tiers"));
    engine = tiers.engine().syncEngine();
    builder = new PatchBundleBuilder(tiers.engine().upstreams(), CLOCK);
    a = tiers.upstream().commit("A", Map.of(SKILL, lines("line", 60), REFERENCE, lines("ref", 20)));
    tiers.collection().list(tiers.upstreamSkill("pdf-tools"));
    sync(Direction.UPSTREAM_TO_COLLECTION);
    sync(Direction.COLLECTION_TO_PROJECT);
  }

  @AfterEach
  void tearDown() {
    tiers.close();
  }

  @Test
  void keptProjectAfterConflict_localChangesPushOnlyTheOneLine_upstreamHeadRevertsUpstream()
      throws Exception {
    tiers.project().write(PDF, "SKILL.md", replace(lines("line", 60), 5, "line 5, clarified"));
    // The collection's maintainer reworded the same line: the project's next sync conflicts.
    tiers.collection().write(PDF, "SKILL.md", replace(lines("line", 60), 5, "line 5, reworded"));
    String rewritten = numbered("line", 1, 29) + numbered("rewritten", 30, 60);
    RevCommit b =
        tiers.upstream().commit("B", Map.of(SKILL, rewritten, REFERENCE, lines("new ref", 20)));
    assertThat(sync(Direction.UPSTREAM_TO_COLLECTION).action()).isEqualTo(PlanAction.MERGE);
    ArtifactPlan conflicted = sync(Direction.COLLECTION_TO_PROJECT);
    assertThat(conflicted.action()).isEqualTo(PlanAction.CONFLICT);
    engine.resolve(tiers.scope(), Direction.COLLECTION_TO_PROJECT, conflicted, MergeStrategy.OURS);
    assertThat(tiers.project().read(PDF, "SKILL.md"))
        .as("the resolve kept the project's file, without upstream's rewrite")
        .isEqualTo(replace(lines("line", 60), 5, "line 5, clarified"));

    PatchBundle local = build(PatchBase.LOCAL_CHANGES);

    ArtifactPatchSummary s = local.artifacts().get(0);
    assertThat(s.mergeBase().sha()).as("the version the project came from").isEqualTo(a.name());
    assertThat(s.mergeBase().source()).isEqualTo(MergeBase.Source.PROJECT);
    assertThat(s.baseSha()).isEqualTo(b.name());
    assertThat(s.trialApply().status()).isEqualTo(TrialApply.CLEAN);
    assertThat(s.files()).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo(SKILL);
      assertThat(List.of(f.linesAdded(), f.linesRemoved())).containsExactly(1, 1);
    });
    Path clone = cloneAt(b);
    Path patch = patchFile(local, "local.patch");
    GitCommand.ok(clone, "apply", "--check", patch.toString());
    assertThat(GitCommand.ok(clone, "apply", "--numstat", patch.toString()))
        .isEqualTo("1\t1\t" + SKILL + "\n");
    GitCommand.ok(clone, "apply", patch.toString());
    assertThat(Files.readString(clone.resolve(SKILL)))
        .as("upstream's rewrite kept, the project's line added")
        .isEqualTo(replace(rewritten, 5, "line 5, clarified"));

    PatchBundle whole = build(PatchBase.UPSTREAM_HEAD);

    ArtifactPatchSummary old = whole.artifacts().get(0);
    assertThat(old.baseSha()).as("resolved_sha moved to B with the sync").isEqualTo(b.name());
    assertThat(old.mergeBase()).isNull();
    assertThat(old.files()).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo(SKILL);
      assertThat(f.linesRemoved())
          .as("upstream's 31 rewritten lines reverted, and the local line's original")
          .isEqualTo(32);
    });
    assertThat(new String(entry(whole, old.patchEntry()), UTF_8)).contains("-rewritten 30\n");
  }

  @Test
  void sameLinesChangedUpstream_thatFileConflicts_otherLocalChangesStillRebased()
      throws Exception {
    tiers.project().write(PDF, "SKILL.md", replace(lines("line", 60), 5, "line 5, project"));
    tiers.project().write(PDF, "reference.md", lines("ref", 20) + "ref added in the project\n");
    RevCommit b =
        tiers.upstream().commit("B", Map.of(SKILL, replace(lines("line", 60), 5, "line 5, up")));
    sync(Direction.UPSTREAM_TO_COLLECTION);

    PatchBundle bundle = build(PatchBase.LOCAL_CHANGES);

    ArtifactPatchSummary s = bundle.artifacts().get(0);
    assertThat(bundle.trialApply()).isEqualTo(TrialApply.CONFLICT);
    assertThat(s.trialApply().conflicts()).singleElement().satisfies(c -> {
      assertThat(c.path()).isEqualTo(SKILL);
      assertThat(c.reason()).contains("rebase on the head conflicts").contains(a.name());
    });
    assertThat(s.files()).extracting(PatchedFile::path).containsExactly(SKILL, REFERENCE);
    Path clone = cloneAt(b);
    Path patch = patchFile(bundle, "conflict.patch");
    assertThat(GitCommand.run(clone, "apply", "--check", patch.toString()).exitCode())
        .as("git agrees: the whole patch does not apply at the head")
        .isNotZero();
    GitCommand.ok(clone, "apply", "--check", "--exclude=" + SKILL, patch.toString());
    assertThat(GitCommand.run(clone, "apply", "--3way", patch.toString()).exitCode()).isNotZero();
    assertThat(Files.readString(clone.resolve(REFERENCE))).endsWith("ref added in the project\n");
    assertThat(Files.readString(clone.resolve(SKILL)))
        .as("--3way finds the merge base's blob the section names")
        .contains("<<<<<<<", "line 5, project", "line 5, up");
    JsonNode m = manifest(bundle);
    assertThat(m.path("base").asText()).isEqualTo("local_changes");
    assertThat(m.at("/artifacts/0/merge_base_sha").asText()).isEqualTo(a.name());
    assertThat(m.at("/artifacts/0/merge_base_source").asText()).isEqualTo("project");
    assertThat(m.at("/artifacts/0/trial_apply/conflicts/0/path").asText()).isEqualTo(SKILL);
  }

  @Test
  void noLocalChanges_emptyPatch_whileUpstreamHeadWouldRevertUpstream() throws Exception {
    tiers.upstream().commit("B", Map.of(SKILL, replace(lines("line", 60), 40, "line 40, up")));
    sync(Direction.UPSTREAM_TO_COLLECTION);

    PatchBundle local = build(PatchBase.LOCAL_CHANGES);

    ArtifactPatchSummary s = local.artifacts().get(0);
    assertThat(s.changed()).isFalse();
    assertThat(s.patchEntry()).isNull();
    assertThat(s.files()).isEmpty();
    assertThat(s.trialApply().status()).isEqualTo(TrialApply.CLEAN);
    assertThat(BundleEntries.names(BundleEntries.read(local.path(), local.format())))
        .containsExactly("manifest.json");
    assertThat(manifest(local).at("/artifacts/0/patch").isNull()).isTrue();
    assertThat(build(PatchBase.UPSTREAM_HEAD).artifacts().get(0).changed())
        .as("the project still has A, so the whole-project patch reverts B")
        .isTrue();
  }

  @Test
  void mergeBase_projectHeldNothingUpstream_deployedFromThenCollectionThenResolvedShaThenHead()
      throws Exception {
    RevCommit b =
        tiers.upstream().commit("B", Map.of(SKILL, replace(lines("line", 60), 40, "line 40, up")));
    ArtifactTree project =
        Trees.folder(
            "SKILL.md", replace(lines("line", 60), 5, "line 5, project"),
            "reference.md", lines("ref", 20));
    String hashOfA = upstreamHash(a);
    String hashOfB = upstreamHash(b);
    Set<String> noneUpstream = Set.of("0".repeat(64));
    UpstreamSpec spec = new UpstreamSpec(tiers.upstream().url(), "main", "skills/pdf-tools");

    MergeBase deployed =
        mergeBaseOf(new ArtifactPatchInput(
            PDF, spec, b.name(), project, new LocalVersions(noneUpstream, hashOfA, Set.of(hashOfB))));
    MergeBase fromCollection =
        mergeBaseOf(new ArtifactPatchInput(
            PDF, spec, b.name(), project, new LocalVersions(noneUpstream, null, Set.of(hashOfA))));
    MergeBase fromResolvedSha = mergeBaseOf(new ArtifactPatchInput(PDF, spec, a.name(), project));
    MergeBase fromHead = mergeBaseOf(new ArtifactPatchInput(PDF, spec, null, project));

    assertThat(deployed)
        .as("the version the project was deployed from outranks the collection's newer one")
        .isEqualTo(new MergeBase(a.name(), MergeBase.Source.DEPLOYED_FROM, hashOfA));
    assertThat(fromCollection)
        .isEqualTo(new MergeBase(a.name(), MergeBase.Source.COLLECTION, hashOfA));
    assertThat(fromResolvedSha)
        .isEqualTo(new MergeBase(a.name(), MergeBase.Source.RESOLVED_SHA, hashOfA));
    assertThat(fromHead).isEqualTo(new MergeBase(b.name(), MergeBase.Source.HEAD, hashOfB));
  }

  @Test
  void singleFileArtifact_rebasedOnTheHead_keepsItsPathInTheRepository() throws Exception {
    String file = "commands/review.md";
    RevCommit first = tiers.upstream().commit("review", Map.of(file, lines("step", 30)));
    RevCommit head =
        tiers.upstream().commit("review B", Map.of(file, replace(lines("step", 30), 25, "step 25, up")));
    ArtifactTree project =
        ArtifactTree.singleFile(
            Trees.text("review.md", replace(lines("step", 30), 3, "step 3, project")));
    ArtifactPatchInput in =
        new ArtifactPatchInput(
            ArtifactId.parse("command:review"),
            new UpstreamSpec(tiers.upstream().url(), "main", file),
            first.name(),
            project);

    PatchBundle bundle =
        builder.build(List.of(in), BundleFormat.TAR_GZ, PatchBase.LOCAL_CHANGES, tmp.resolve("c.tgz"));

    ArtifactPatchSummary s = bundle.artifacts().get(0);
    assertThat(s.files()).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo(file);
      assertThat(List.of(f.linesAdded(), f.linesRemoved())).containsExactly(1, 1);
    });
    GitCommand.ok(cloneAt(head), "apply", "--check", patchFile(bundle, "review.patch").toString());
  }

  // ---------------------------------------------------------------- helpers

  /** Plans and applies one sync of the skill with the auto strategy; returns its plan. */
  private ArtifactPlan sync(Direction direction) throws Exception {
    ArtifactPlan plan =
        engine.plan(tiers.scope(), PDF, direction, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
    engine.apply(tiers.scope(), direction, plan);
    return plan;
  }

  /** The bundle of the project's skill, its local versions read as the patch activity reads them. */
  private PatchBundle build(PatchBase base) throws Exception {
    var scope = tiers.scope();
    ArtifactTree project = engine.reader().project(scope, PDF);
    String resolvedSha = engine.reader().manifestEntry(scope, PDF).orElseThrow().resolvedSha();
    LocalVersions held =
        new LocalVersionsReader(engine.reader(), tiers.engine().history()).read(scope, PDF, project);
    ArtifactPatchInput in =
        new ArtifactPatchInput(
            PDF,
            new UpstreamSpec(tiers.upstream().url(), "main", "skills/pdf-tools"),
            resolvedSha,
            project,
            held);
    return builder.build(
        List.of(in), BundleFormat.TAR_GZ, base, tmp.resolve("out/" + base.id() + ".tar.gz"));
  }

  private String upstreamHash(RevCommit commit) throws Exception {
    return tiers.engine().upstreams()
        .readArtifact(tiers.upstream().url(), commit.name(), "skills/pdf-tools")
        .orElseThrow()
        .contentHash();
  }

  private MergeBase mergeBaseOf(ArtifactPatchInput in) throws Exception {
    return builder
        .build(List.of(in), BundleFormat.ZIP, PatchBase.LOCAL_CHANGES, tmp.resolve("out/m.zip"))
        .artifacts()
        .get(0)
        .mergeBase();
  }

  private Path cloneAt(RevCommit commit) throws Exception {
    Path clone = tmp.resolve("clone-" + commit.name().substring(0, 8));
    GitCommand.ok(tmp, "clone", "-q", tiers.upstream().url(), clone.toString());
    GitCommand.ok(clone, "checkout", "-q", "--detach", commit.name());
    return clone;
  }

  private Path patchFile(PatchBundle bundle, String name) throws Exception {
    return Files.write(
        tmp.resolve(name), entry(bundle, bundle.artifacts().get(0).patchEntry()));
  }

  private static byte[] entry(PatchBundle bundle, String name) throws Exception {
    return BundleEntries.get(BundleEntries.read(bundle.path(), bundle.format()), name).bytes();
  }

  private static JsonNode manifest(PatchBundle bundle) throws Exception {
    return new ObjectMapper().readTree(entry(bundle, "manifest.json"));
  }

  /** {@code "<word> 1\n"} to {@code "<word> n\n"}. */
  private static String lines(String word, int n) {
    return numbered(word, 1, n);
  }

  /** {@code "<word> from\n"} to {@code "<word> to\n"}. */
  private static String numbered(String word, int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i <= to; i++) {
      b.append(word).append(' ').append(i).append('\n');
    }
    return b.toString();
  }

  /** {@code text} with its line {@code number} (from 1) replaced by {@code line}. */
  private static String replace(String text, int number, String line) {
    String[] all = text.split("\n", -1);
    all[number - 1] = line;
    return String.join("\n", all);
  }
}
