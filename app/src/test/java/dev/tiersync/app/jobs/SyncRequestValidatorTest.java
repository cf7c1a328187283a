package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.AgentProperties;
import dev.tiersync.app.hosts.HostAddresses;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

class SyncRequestValidatorTest {
  @TempDir Path dir;
  private JobServicesFixture fixture;
  private SyncRequestValidator validator;

  @BeforeEach
  void setUp() {
    fixture = new JobServicesFixture(dir);
    validator =
        new SyncRequestValidator(
            fixture.scopes(),
            new HostAddresses(
                new AgentProperties(
                    "server", List.of("ann", "bob"), Duration.ofSeconds(90), Duration.ofSeconds(5),
                    null, null, Duration.ofMinutes(10))));
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void validate_fillsInTheDefaults() {
    JobRequest r = validator.validate(body("upstream_to_collection", null, null, null, null, null));

    assertThat(r.kind()).isEqualTo(JobKind.SYNC);
    assertThat(r.direction()).isEqualTo(Direction.UPSTREAM_TO_COLLECTION);
    assertThat(r.collection()).isEqualTo("default");
    assertThat(r.strategy()).isEqualTo(MergeStrategy.AUTO);
    assertThat(r.dryRun()).as("a job only writes when asked explicitly").isTrue();
    assertThat(r.artifactIds()).isEmpty();
    assertThat(r.projectPath()).isNull();
    assertThat(r.jobId()).isNull();
    assertThat(r.traceId()).isNull();
  }

  @Test
  void validate_canonicalisesDirectionStrategyIdsAndProjectPath() throws Exception {
    Path linkToProject = Files.createSymbolicLink(fixture.projects.resolve("link"), fixture.project);

    JobRequest r =
        validator.validate(
            body(" Collection_To_Project ", List.of("skill:b", "skill:a", "skill:b"), "default",
                linkToProject.toString(), "THEIRS", false));

    assertThat(r.direction()).isEqualTo(Direction.COLLECTION_TO_PROJECT);
    assertThat(r.strategy()).isEqualTo(MergeStrategy.THEIRS);
    assertThat(r.artifactIds()).as("de-duplicated, order kept").containsExactly("skill:b", "skill:a");
    assertThat(r.projectPath()).isEqualTo(fixture.project.toRealPath().toString());
    assertThat(r.dryRun()).isFalse();
  }

  @Test
  void validate_twoSpellingsOfOneRequest_giveEqualCanonicalRequests() {
    JobRequest a = validator.validate(body("upstream_to_collection", List.of("skill:a", "skill:a"), "", null, "", null));
    JobRequest b = validator.validate(body("UPSTREAM_TO_COLLECTION", List.of("skill:a"), "default", " ", "auto", true));

    assertThat(a).isEqualTo(b);
  }

  @Test
  void validate_refusesBadInput_namingTheField() {
    String project = fixture.project.toString();
    List<String> tooMany = new ArrayList<>(Collections.nCopies(ArtifactIdsField.MAX_ARTIFACT_IDS, "skill:a"));
    tooMany.add("skill:b");

    assertRefused(null, null);
    assertRefused(body(null, null, null, null, null, null), "direction");
    assertRefused(body(" ", null, null, null, null, null), "direction");
    assertRefused(body("sideways", null, null, null, null, null), "direction");
    assertRefused(body("project_to_upstream", null, null, project, null, null), "direction");
    assertRefused(body("upstream_to_collection", null, null, null, "mine", null), "strategy");
    assertRefused(body("upstream_to_collection", List.of("skill:a", "skill:../x"), null, null, null, null), "artifact_ids[1]");
    assertRefused(body("upstream_to_collection", tooMany, null, null, null, null), "artifact_ids");
    assertRefused(body("collection_to_project", null, null, null, null, null), "project_path");
    assertRefused(body("project_to_collection", null, null, " ", null, null), "project_path");
    assertRefused(body("collection_to_project", null, null, "relative/app", null, null), "project_path");
    assertRefused(body("collection_to_project", null, null, dir.toString(), null, null), "project_path");
    assertRefused(body("upstream_to_collection", null, "missing", null, null, null), "collection");
    assertRefused(body("upstream_to_collection", null, "../..", null, null, null), "collection");
  }

  @Test
  void validate_projectPaths_areResolvedEachOnce_withNoProjectPath() throws Exception {
    Path other = Files.createDirectories(fixture.projects.resolve("other/.claude")).getParent();
    Path link = Files.createSymbolicLink(fixture.projects.resolve("link"), fixture.project);

    JobRequest r =
        validator.validate(
            many(List.of(fixture.project.toString(), other.toString(), link.toString()), null));

    assertThat(r.projectPath()).isNull();
    assertThat(r.projectPaths())
        .as("the link is the first project again")
        .containsExactly(fixture.project.toRealPath().toString(), other.toRealPath().toString());
    assertThat(r.direction()).isEqualTo(Direction.COLLECTION_TO_PROJECT);
    assertThat(r.dryRun()).isTrue();
  }

  @Test
  void validate_badProjectPaths_areRefused_namingTheItem() {
    String project = fixture.project.toString();
    List<String> tooMany = new ArrayList<>(Collections.nCopies(SyncRequestValidator.MAX_PROJECTS + 1, project));

    assertRefused(many(List.of(project, "relative/app"), null), "project_paths[1]");
    assertRefused(many(List.of(dir.toString()), null), "project_paths[0]");
    assertRefused(many(Arrays.asList(project, null), null), "project_paths[1]");
    assertRefused(many(List.of(), null), "project_paths");
    assertRefused(many(tooMany, null), "project_paths");
    assertRefused(many(List.of(project), project), "project_paths");
    assertRefused(
        new CreateJobRequest("project_to_collection", null, null, null, null, null, List.of(project)),
        "project_paths");
  }

  private static CreateJobRequest many(List<String> paths, String projectPath) {
    return new CreateJobRequest(
        "collection_to_project", List.of("skill:a"), null, projectPath, null, null, paths);
  }

  private void assertRefused(CreateJobRequest body, String field) {
    assertThatThrownBy(() -> validator.validate(body))
        .as("field %s", field)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).isNotBlank();
            });
  }

  @Test
  void validate_keepsAProjectOnAKnownHost_asHostAndNormalisedPath_leavingTheFolderToItsAgent() {
    JobRequest r =
        validator.validate(body("collection_to_project", null, "default", "ann:/home/ann/./code/web/", null, false));

    assertThat(r.projectPath()).isEqualTo("ann:/home/ann/code/web");
  }

  @Test
  void validate_refusesAnUnknownHost_orARelativePathOnAHost_namingTheField() {
    assertThatThrownBy(
            () -> validator.validate(body("collection_to_project", null, null, "carol:/home/carol/web", null, null)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.field()).isEqualTo("project_path");
          assertThat(e.getMessage())
              .isEqualTo("project_path names host 'carol', which is not one of the server's hosts"
                  + " (TIERSYNC_HOSTS: ann, bob)");
        });
    assertThatThrownBy(
            () -> validator.validate(body("collection_to_project", null, null, "ann:code/web", null, null)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("project_path"));
    assertThatThrownBy(
            () -> validator.validate(new CreateJobRequest(
                "collection_to_project", null, null, null, null, null, List.of("bob:/w", "dave:/w"))))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("project_paths[1]"));
  }

  @Test
  void validate_aJobToProjectsOnTwoHostsAndTheServer_keepsEachAddress() {
    JobRequest r =
        validator.validate(new CreateJobRequest(
            "collection_to_project", null, null, null, null, null,
            List.of("ann:/w", "bob:/w", fixture.project.toString())));

    assertThat(r.projectPaths()).hasSize(3).startsWith("ann:/w", "bob:/w");
  }

  private static CreateJobRequest body(
      String direction, List<String> ids, String collection, String projectPath, String strategy, Boolean dryRun) {
    return new CreateJobRequest(direction, ids, collection, projectPath, strategy, dryRun);
  }
}
