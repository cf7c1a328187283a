package dev.tiersync.activities;

import static dev.tiersync.activities.ActivityTestEnvironment.assertPermanent;
import static dev.tiersync.activities.ActivityTestEnvironment.withBase;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.patch.BundleFormat;
import dev.tiersync.engine.testing.TestEngine;
import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.host.HostProjectActivities;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.patch.HostedPatchInput;
import dev.tiersync.workflows.patch.PatchActivities;
import dev.tiersync.workflows.patch.PatchInput;
import dev.tiersync.workflows.patch.PatchOutput;
import dev.tiersync.workflows.sync.ApplyInput;
import dev.tiersync.workflows.sync.FetchResult;
import dev.tiersync.workflows.sync.HostDeployed;
import dev.tiersync.workflows.sync.HostedFetchInput;
import dev.tiersync.workflows.sync.HostedSyncActivities;
import dev.tiersync.workflows.sync.MergeActivities;
import dev.tiersync.workflows.sync.MergeInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A patch export of a project on a host (docs/agents.md): the host's agent, with an engine and
 * history store of its own, reads the project and hands its versions over ({@link
 * LocalVersionTransfer}); the server builds the bundle from them. Two projects of the same
 * collection and upstream, one on the server and one on host {@code laptop}, lived the same life
 * (deployed, edited alike, upstream moved on): their bundles are the same bytes.
 */
class HostedPatchActivitiesTest {
  private static final ArtifactId PDF = ArtifactId.parse("skill:pdf-tools");

  @TempDir Path tmp;
  private ActivityTestEnvironment acts;
  private TestEngine agent;
  private PatchActivities patch;
  private HostProjectActivities host;
  private String laptop;
  private String deployedSha;

  @BeforeEach
  void bothProjectsEditedAlike_afterUpstreamMovedOn() throws Exception {
    acts = new ActivityTestEnvironment(tmp);
    agent = TestEngine.open(tmp.resolve("agent-data"));
    acts.register(
        new HostProjectActivitiesImpl(
            "laptop", agent.syncEngine(), List.of(acts.tiers.projectsRoot()),
            tmp.resolve("agent-data/remote-collections"),
            new LocalVersionTransfer(agent.history(), acts.tiers.engine().history())));
    patch = acts.stub(PatchActivities.class);
    host = acts.stub(HostProjectActivities.class);
    laptop = "laptop:" + acts.tiers.project("laptop").dir().toRealPath();

    deployedSha = acts.tiers.addUpstreamSkill("pdf-tools", "a\nb\nc\nd\ne\n").getName();
    acts.runSync(acts.sync(Direction.UPSTREAM_TO_COLLECTION, PDF.toString()));
    acts.runSync(acts.sync(Direction.COLLECTION_TO_PROJECT, PDF.toString()));
    assertThat(hostedSync(acts.syncIn(laptop, Direction.COLLECTION_TO_PROJECT, PDF.toString())))
        .extracting(ArtifactResult::outcome)
        .containsExactly(Outcome.CREATED);
    for (String project : List.of("app", "laptop")) {
      acts.tiers.project(project).write(PDF, "SKILL.md", "a\nb\nc\nd\ne\nimproved in the project\n");
    }
    acts.tiers.upstream().commit("upstream edit", Map.of("skills/pdf-tools/SKILL.md", "A\nb\nc\nd\ne\n"));
    acts.runSync(acts.sync(Direction.UPSTREAM_TO_COLLECTION, PDF.toString()));
  }

  @AfterEach
  void tearDown() {
    acts.close();
    agent.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"local_changes", "upstream_head"})
  void bundleFromTheHostsSides_isByteIdenticalToTheServerProjects(String base) throws Exception {
    JobRequest onServer = withBase(acts.patch(acts.projectPath(), PDF.toString()), base);
    JobRequest onHost = withBase(acts.patch(laptop, PDF.toString()), base);

    PatchOutput expected = patch.build(new PatchInput(onServer));
    PatchOutput actual = patch.buildHosted(new HostedPatchInput(onHost, host.read(onHost)));

    assertThat(tarGz(bundle(onHost))).as("the bundles' entries").isEqualTo(tarGz(bundle(onServer)));
    assertThat(sha256(bundle(onHost))).as("the bundles' bytes").isEqualTo(sha256(bundle(onServer)));
    assertThat(actual.result().get("sha256")).isEqualTo(expected.result().get("sha256"));
    assertThat(actual.artifacts()).isEqualTo(expected.artifacts());
    assertThat(Files.exists(tmp.resolve("agent-data/remote-collections")))
        .as("the host never writes a collection")
        .isFalse();
  }

  @Test
  void localChanges_takeTheMergeBaseFromTheHostedProjectsOwnLineage() throws Exception {
    JobRequest onHost = acts.patch(laptop, PDF.toString());

    patch.buildHosted(new HostedPatchInput(onHost, host.read(onHost)));

    Map<String, String> entries = tarGz(bundle(onHost));
    assertThat(entries.get("manifest.json"))
        .contains("\"merge_base_sha\" : \"" + deployedSha + "\"")
        .as("the project held that version itself, as the server's lineage of laptop:… says")
        .contains("\"merge_base_source\" : \"project\"");
    assertThat(entries.get("patches/skill-pdf-tools.patch"))
        .contains("+improved in the project")
        .as("rebased on upstream's head: upstream's edit is not reverted")
        .doesNotContain("-A\n");
  }

  @Test
  void anArtifactTheHostCouldNotRead_isValidationNamingTheProject() {
    JobRequest onHost = acts.patch(laptop, PDF.toString());
    ProjectSide broken = ProjectSide.failed(PDF.toString(), ".skillmeat-deployed.toml:5: deployed_at: bad");

    assertPermanent(
        () -> patch.buildHosted(new HostedPatchInput(onHost, List.of(broken))),
        ErrorTypes.VALIDATION);
    assertThat(acts.patchesDir.resolve(onHost.jobId() + ".tar.gz")).doesNotExist();
  }

  @Test
  void anArtifactTheHostedProjectLacks_isValidation() {
    JobRequest onHost = acts.patch(laptop, PDF.toString());

    assertPermanent(
        () -> patch.buildHosted(
            new HostedPatchInput(onHost, List.of(new ProjectSide(PDF.toString(), null, null, null, null, null)))),
        ErrorTypes.VALIDATION);
  }

  /** A collection→project sync of the hosted project in its halves, as ProjectCalls runs it. */
  private List<ArtifactResult> hostedSync(JobRequest request) {
    HostedSyncActivities server = acts.stub(HostedSyncActivities.class);
    FetchResult fetched =
        server.fetchHosted(new HostedFetchInput(request, false, host.read(request)));
    List<ArtifactPlan> plans =
        acts.stub(MergeActivities.class).merge(new MergeInput(request, fetched.artifacts())).plans();
    return plans.stream()
        .map(p -> {
          ArtifactResult r = host.apply(new ApplyInput(request, p));
          server.hostDeployed(new HostDeployed(request, p, r));
          return r;
        })
        .toList();
  }

  private byte[] bundle(JobRequest request) throws IOException {
    return Files.readAllBytes(
        PatchActivitiesImpl.bundlePath(acts.patchesDir, request.jobId(), BundleFormat.TAR_GZ));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static Map<String, String> tarGz(byte[] bundle) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (InputStream in = new java.io.ByteArrayInputStream(bundle);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        tar.transferTo(bytes);
        out.put(e.getName(), bytes.toString(StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
