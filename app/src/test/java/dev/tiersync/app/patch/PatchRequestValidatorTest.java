package dev.tiersync.app.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.AgentProperties;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.app.hosts.HostAddresses;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.patch.BundleFormat;
import dev.tiersync.engine.tier.CollectionsRoot;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** The checks of a patch request: projects on the server, and on hosts of TIERSYNC_HOSTS. */
class PatchRequestValidatorTest {
  @TempDir Path dir;
  private Path project;
  private PatchRequestValidator validator;

  @BeforeEach
  void setUp() throws Exception {
    Path collections = Files.createDirectories(dir.resolve("collections/default")).getParent();
    Path projects = Files.createDirectories(dir.resolve("projects"));
    project = Files.createDirectories(projects.resolve("app"));
    TiersyncProperties properties =
        new TiersyncProperties(
            Files.createDirectories(dir.resolve("home")), collections, List.of(projects),
            List.of("token"),
            new TiersyncProperties.Sync(
                true, TiersyncProperties.JobStore.JSONL, true, DataSize.ofMegabytes(1),
                BundleFormat.ZIP, 10, Duration.ofSeconds(60), null),
            new TiersyncProperties.Temporal("", "default"), "test");
    validator =
        new PatchRequestValidator(
            new ScopeResolver(new CollectionsRoot(collections), List.of(projects)),
            new HostAddresses(
                new AgentProperties(
                    "server", List.of("ann", "bob"), Duration.ofSeconds(90), Duration.ofSeconds(5),
                    null, null, Duration.ofMinutes(10))),
            properties);
  }

  @Test
  void validate_aProjectOnTheServer_isItsRealFolder_withTheDefaults() throws Exception {
    JobRequest r = validator.validate(body(project.resolve("../app").toString()));

    assertThat(r.kind()).isEqualTo(JobKind.PATCH);
    assertThat(r.direction()).isEqualTo(Direction.PROJECT_TO_UPSTREAM);
    assertThat(r.collection()).isEqualTo("default");
    assertThat(r.projectPath()).isEqualTo(project.toRealPath().toString());
    assertThat(r.format()).as("SYNC_PATCH_EXPORT").isEqualTo("zip");
    assertThat(r.patchBase()).isEqualTo("local_changes");
  }

  @Test
  void validate_aProjectOnAKnownHost_isKeptAsHostAndNormalisedPath_leavingTheFolderToItsAgent() {
    JobRequest r = validator.validate(body("ann:/home/ann/./code/web/"));

    assertThat(r.projectPath()).isEqualTo("ann:/home/ann/code/web");
    assertThat(r.artifactIds()).containsExactly("skill:pdf-tools");
  }

  @Test
  void validate_anUnknownHost_orARelativePathOnAHost_is400NamingProjectPath() {
    assertThatThrownBy(() -> validator.validate(body("carol:/home/carol/web")))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
          assertThat(e.field()).isEqualTo("project_path");
          assertThat(e.getMessage())
              .isEqualTo("project_path names host 'carol', which is not one of the server's hosts"
                  + " (TIERSYNC_HOSTS: ann, bob)");
        });
    assertThatThrownBy(() -> validator.validate(body("bob:code/web")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("project_path"));
  }

  @Test
  void validate_aProjectOnAHost_inAnUnknownCollection_is400NamingCollection() {
    assertThatThrownBy(
            () -> validator.validate(
                new PatchRequest(List.of("skill:pdf-tools"), "nope", "ann:/home/ann/web", null, null)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("collection"));
  }

  private static PatchRequest body(String projectPath) {
    return new PatchRequest(List.of("skill:pdf-tools"), null, projectPath, null, null);
  }
}
