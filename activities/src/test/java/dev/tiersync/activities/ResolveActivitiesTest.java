package dev.tiersync.activities;

import static dev.tiersync.activities.ActivityTestEnvironment.assertPermanent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.engine.skillmeat.SkillMeatHash;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.resolve.ResolveActivities;
import dev.tiersync.workflows.resolve.ResolveInput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolve activity in Temporal's test activity environment, on an artifact that a real
 * collection-to-project sync left in conflict.
 */
class ResolveActivitiesTest {
  private static final String ID = "skill:notes";
  private static final ArtifactId NOTES = ArtifactId.parse(ID);
  private static final String COLLECTION_EDIT = "C\nb\nc\n";
  private static final String PROJECT_EDIT = "P\nb\nc\n";

  @TempDir Path tmp;
  private ActivityTestEnvironment acts;
  private ResolveActivities resolve;
  /** The plan of the sync that ended in conflict. */
  private ArtifactPlan conflicted;

  @BeforeEach
  void conflict() throws Exception {
    acts = new ActivityTestEnvironment(tmp);
    resolve = acts.stub(ResolveActivities.class);
    acts.localSkill(ID, "a\nb\nc\n");
    acts.runSync(acts.sync(Direction.COLLECTION_TO_PROJECT, ID));
    acts.tiers.collection().write(NOTES, "SKILL.md", COLLECTION_EDIT);
    acts.tiers.project().write(NOTES, "SKILL.md", PROJECT_EDIT);
    conflicted = acts.plan(acts.sync(Direction.COLLECTION_TO_PROJECT, ID)).get(0);
    assertThat(acts.runSync(acts.sync(Direction.COLLECTION_TO_PROJECT, ID)))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.CONFLICT));
  }

  @AfterEach
  void tearDown() {
    acts.close();
  }

  @Test
  void theirs_takesTheCollectionVersionAndMovesTheTrackingEntryToIt() throws Exception {
    ResolveResult out = resolve.resolve(input(MergeStrategy.THEIRS));

    assertThat(acts.tiers.project().read(NOTES, "SKILL.md")).isEqualTo(COLLECTION_EDIT);
    assertThat(out.unresolvedFiles()).isEmpty();
    assertThat(out.result().outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(out.result().afterHash())
        .isEqualTo(Tiers.hash(acts.tiers.project().artifact(NOTES)));
    DeploymentTracking tracking = DeploymentTracking.load(acts.tiers.project().trackingFile());
    assertThat(tracking.find(NOTES).orElseThrow().contentHash())
        .as("SkillMeat's hash of the collection's version")
        .isEqualTo(SkillMeatHash.of(acts.tiers.collection().artifact(NOTES)));
    assertThat(
            DeploymentSidecar.load(acts.tiers.project().layout().sidecarFile())
                .find(NOTES)
                .orElseThrow()
                .baseHash())
        .isEqualTo(Tiers.hash(acts.tiers.collection().artifact(NOTES)));
  }

  @Test
  void auto_withMarkersLeft_reportsTheFilesAndChangesNothing() throws Exception {
    String marked = acts.tiers.project().read(NOTES, "SKILL.md");

    ResolveResult out = resolve.resolve(input(MergeStrategy.AUTO));

    assertThat(marked).contains("<<<<<<< project");
    assertThat(out.result().outcome()).isEqualTo(Outcome.CONFLICT);
    assertThat(out.unresolvedFiles()).containsExactly("SKILL.md");
    assertThat(acts.tiers.project().read(NOTES, "SKILL.md")).isEqualTo(marked);
  }

  @Test
  void ours_runTwice_endsInTheSameFilesAndAnswer() throws Exception {
    ResolveResult first = resolve.resolve(input(MergeStrategy.OURS));
    String resolved = acts.tiers.project().read(NOTES, "SKILL.md");

    ResolveResult second = resolve.resolve(input(MergeStrategy.OURS));

    assertThat(resolved).isEqualTo(PROJECT_EDIT);
    assertThat(acts.tiers.project().read(NOTES, "SKILL.md")).isEqualTo(resolved);
    assertThat(second.result().afterHash()).isEqualTo(first.result().afterHash());
    assertThat(second.unresolvedFiles()).isEqualTo(first.unresolvedFiles()).isEmpty();
  }

  @Test
  void cancelRequested_doesNotStopTheWrite_whichKeepsHeartbeating() throws Exception {
    acts.heartbeats.clear();
    acts.requestCancel();

    ResolveResult out = resolve.resolve(input(MergeStrategy.THEIRS));

    assertThat(out.result().outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(acts.tiers.project().read(NOTES, "SKILL.md")).isEqualTo(COLLECTION_EDIT);
    assertThat(acts.heartbeats)
        .as("a resolve heartbeats while it writes, so a long one does not time out")
        .contains("resolve skill:notes");
  }

  @Test
  void projectOutsideTheRoots_isValidationAndNotRetried() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside/.claude")).getParent();
    JobRequest elsewhere = acts.syncIn(outside.toString(), Direction.COLLECTION_TO_PROJECT, ID);

    assertPermanent(
        () -> resolve.resolve(new ResolveInput(elsewhere, conflicted)), ErrorTypes.VALIDATION);
    assertThat(acts.tiers.project().read(NOTES, "SKILL.md")).contains("<<<<<<< project");
  }

  private ResolveInput input(MergeStrategy strategy) {
    return new ResolveInput(
        acts.resolve(Direction.COLLECTION_TO_PROJECT, strategy, ID), conflicted);
  }
}
