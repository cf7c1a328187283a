package dev.tiersync.activities;

import static dev.tiersync.activities.ActivityTestEnvironment.assertPermanent;
import static dev.tiersync.activities.ActivityTestEnvironment.withBase;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.patch.BundleFormat;
import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.patch.PatchActivities;
import dev.tiersync.workflows.patch.PatchInput;
import dev.tiersync.workflows.patch.PatchOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patch export activity in Temporal's test activity environment: a skill synced from a real
 * {@code file://} upstream into the project and edited there.
 */
class PatchActivitiesTest {
  private static final ArtifactId PDF = ArtifactId.parse("skill:pdf-tools");

  @TempDir Path tmp;
  private ActivityTestEnvironment acts;
  private PatchActivities patch;

  @BeforeEach
  void editedInTheProject() throws Exception {
    acts = new ActivityTestEnvironment(tmp);
    patch = acts.stub(PatchActivities.class);
    acts.tiers.addUpstreamSkill("pdf-tools", "a\nb\nc\n");
    acts.runSync(acts.sync(Direction.UPSTREAM_TO_COLLECTION, PDF.toString()));
    acts.runSync(acts.sync(Direction.COLLECTION_TO_PROJECT, PDF.toString()));
    acts.tiers.project().write(PDF, "SKILL.md", "a\nb\nc\nimproved in the project\n");
  }

  @AfterEach
  void tearDown() {
    acts.close();
  }

  @Test
  void build_writesTheBundleItDescribes() throws Exception {
    JobRequest request = acts.patch(acts.projectPath(), PDF.toString());

    PatchOutput out = patch.build(new PatchInput(request));

    Path bundle =
        PatchActivitiesImpl.bundlePath(acts.patchesDir, request.jobId(), BundleFormat.TAR_GZ);
    byte[] bytes = Files.readAllBytes(bundle);
    assertThat(out.result())
        .containsEntry("format", "tar.gz")
        .containsEntry("trial_apply", "clean")
        .containsEntry("size_bytes", Long.toString(bytes.length))
        .containsEntry("sha256", sha256(bytes));
    assertThat(out.artifacts()).singleElement().satisfies(a -> {
      assertThat(a.artifactId()).isEqualTo(PDF.toString());
      assertThat(a.outcome()).isEqualTo(Outcome.UPDATED);
      assertThat(a.filesModified()).isEqualTo(1);
    });
  }

  @Test
  void build_withoutBase_exportsTheLocalChanges_asTheResultSays() {
    PatchOutput out = patch.build(new PatchInput(acts.patch(acts.projectPath(), PDF.toString())));

    assertThat(out.result()).containsEntry("base", "local_changes");
    assertThat(out.log()).anyMatch(line -> line.contains("(local changes since "));
  }

  @Test
  void build_upstreamHeadAsked_exportsTheProjectAgainstResolvedSha() {
    PatchOutput out =
        patch.build(new PatchInput(withBase(acts.patch(acts.projectPath(), PDF.toString()), "upstream_head")));

    assertThat(out.result()).containsEntry("base", "upstream_head");
    assertThat(out.log()).noneMatch(line -> line.contains("local changes"));
  }

  @Test
  void build_unknownBase_isValidationAndNotRetried() {
    assertPermanent(
        () -> patch.build(new PatchInput(withBase(acts.patch(acts.projectPath(), PDF.toString()), "bogus"))),
        ErrorTypes.VALIDATION);
    assertThat(acts.patchesDir).doesNotExist();
  }

  @Test
  void build_runTwice_replacesTheBundleWithTheSameBytes() throws Exception {
    JobRequest request = acts.patch(acts.projectPath(), PDF.toString());
    PatchOutput first = patch.build(new PatchInput(request));

    PatchOutput second = patch.build(new PatchInput(request));

    assertThat(second.result()).isEqualTo(first.result());
    try (Stream<Path> files = Files.list(acts.patchesDir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("one bundle, no temp file left")
          .containsExactly(request.jobId() + ".tar.gz");
    }
  }

  @Test
  void build_artifactWithoutUpstream_isValidationAndNotRetried() throws Exception {
    acts.localSkill("skill:local", "mine\n");
    acts.tiers.project().write(ArtifactId.parse("skill:local"), "SKILL.md", "mine, edited\n");

    assertPermanent(
        () -> patch.build(new PatchInput(acts.patch(acts.projectPath(), "skill:local"))),
        ErrorTypes.VALIDATION);
  }

  @Test
  void build_projectWithoutACopy_isValidationAndNotRetried() throws Exception {
    String empty = acts.tiers.project("empty").dir().toRealPath().toString();

    assertPermanent(
        () -> patch.build(new PatchInput(acts.patch(empty, PDF.toString()))),
        ErrorTypes.VALIDATION);
  }

  @Test
  void build_withoutAProject_isValidationAndNotRetried() {
    assertPermanent(
        () -> patch.build(new PatchInput(acts.patch(null, PDF.toString()))), ErrorTypes.VALIDATION);
    assertThat(acts.patchesDir).doesNotExist();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
