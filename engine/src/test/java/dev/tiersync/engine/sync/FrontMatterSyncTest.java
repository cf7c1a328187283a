package dev.tiersync.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.ConflictKind;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.FileConflict;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.status.SyncStatus;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.upstream.FetchPolicy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syncs merge a skill's front matter key by key, and never apply an invalid result. */
class FrontMatterSyncTest {
  private static final ArtifactId PDF = ArtifactId.parse("skill:pdf-tools");
  private static final String BASE =
      "---\nname: pdf-tools\ndescription: Work with PDFs\nmodel: haiku\n---\n# PDF tools\n\nBody.\n";

  @TempDir Path tmp;
  private Tiers tiers;
  private SyncEngine engine;
  private TierScope scope;

  @BeforeEach
  void setUp() throws Exception {
    tiers = Tiers.create(tmp);
    engine = tiers.engine().syncEngine();
    scope = tiers.scope();
    tiers.upstream().commit("add skill", Map.of("skills/pdf-tools/SKILL.md", BASE));
    tiers.collection().list(tiers.upstreamSkill("pdf-tools"));
    sync(Direction.UPSTREAM_TO_COLLECTION);
    sync(Direction.COLLECTION_TO_PROJECT);
  }

  @AfterEach
  void tearDown() {
    tiers.close();
  }

  @Test
  void differentKeysOnAdjacentLines_divergeAndMergeCleanly() throws Exception {
    tiers.project().write(PDF, "SKILL.md", BASE.replace("haiku", "sonnet"));
    tiers.collection().write(PDF, "SKILL.md", BASE.replace("Work with PDFs", "Split and merge PDFs"));
    assertThat(c2p()).as("a plain text merge would conflict on the --- block").isEqualTo(SyncStatus.DIVERGED);

    ArtifactResult r = sync(Direction.COLLECTION_TO_PROJECT);

    assertThat(r.outcome()).isEqualTo(Outcome.MERGED);
    assertThat(tiers.project().read(PDF, "SKILL.md"))
        .isEqualTo(BASE.replace("haiku", "sonnet").replace("Work with PDFs", "Split and merge PDFs"));
  }

  @Test
  void anInvalidMergedFrontMatter_isAConflictWithTheReason_andIsNotWritten() throws Exception {
    String project = BASE.replace("Body.", "Body, edited here.");
    tiers.project().write(PDF, "SKILL.md", project);
    tiers.collection().write(PDF, "SKILL.md", BASE.replace("name: pdf-tools", "name: PDF_Tools"));
    assertThat(c2p()).isEqualTo(SyncStatus.CONFLICT);

    ArtifactPlan plan =
        engine.plan(scope, PDF, Direction.COLLECTION_TO_PROJECT, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);

    assertThat(plan.action()).isEqualTo(PlanAction.CONFLICT);
    assertThat(plan.conflicts())
        .containsExactly(
            new FileConflict(
                PDF.toString(),
                "SKILL.md",
                ConflictKind.INVALID_FRONT_MATTER,
                "the merged SKILL.md: front matter name 'PDF_Tools' must be lower-case letters,"
                    + " digits and hyphens, at most 64 characters"));
    assertThat(engine.apply(scope, Direction.COLLECTION_TO_PROJECT, plan).outcome())
        .isEqualTo(Outcome.CONFLICT);
    assertThat(tiers.project().read(PDF, "SKILL.md")).as("the project's file is kept").isEqualTo(project);
  }

  private ArtifactResult sync(Direction direction) throws Exception {
    ArtifactPlan plan = engine.plan(scope, PDF, direction, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
    return engine.apply(scope, direction, plan);
  }

  private SyncStatus c2p() throws Exception {
    return engine.snapshot(scope, PDF, FetchPolicy.ALWAYS).collectionToProject().status();
  }
}
