package dev.tiersync.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tiersync.app.config.TiersyncProperties.JobStore;
import dev.tiersync.engine.patch.BundleFormat;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/**
 * Binds the real {@code application.yml}, with settings given under their environment-variable
 * names, the way a user sets them.
 */
class TiersyncPropertiesTest {

  private static final Path USER_HOME = Path.of(System.getProperty("user.home"));

  private final ApplicationContextRunner runner = YamlBinding.runner(Config.class);

  @EnableConfigurationProperties(TiersyncProperties.class)
  static class Config {}

  @Test
  void defaults_matchSpecSection9() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          TiersyncProperties properties = context.getBean(TiersyncProperties.class);

          assertThat(properties.sync().asyncEnabled()).isTrue();
          assertThat(properties.sync().jobStore()).isEqualTo(JobStore.SQLITE_FALLBACK_JSONL);
          assertThat(properties.sync().uiToasts()).isTrue();
          assertThat(properties.sync().diffPreviewMax()).isEqualTo(DataSize.ofMegabytes(1));
          assertThat(properties.sync().patchExport()).isEqualTo(BundleFormat.TAR_GZ);
          assertThat(properties.sync().patchExport().id()).isEqualTo("tar.gz");
          assertThat(properties.sync().upstreamTimeout()).isEqualTo(Duration.ofSeconds(60));
          assertThat(properties.temporal().address()).isEmpty();
          assertThat(properties.temporal().namespace()).isEqualTo("default");
          assertThat(properties.home()).isEqualTo(USER_HOME.resolve(".tiersync"));
          assertThat(properties.collections())
              .isEqualTo(USER_HOME.resolve(".skillmeat").resolve("collections"));
          assertThat(properties.projectRoots()).containsExactly(USER_HOME);
          assertThat(properties.apiTokens()).isEmpty();
        });
  }

  @Test
  void environmentVariables_overrideEverySetting() {
    runner
        .withSystemProperties(
            "SYNC_ASYNC_ENABLED=false",
            "SYNC_JOB_STORE=jsonl",
            "SYNC_UI_TOASTS=false",
            "SYNC_DIFF_PREVIEW_MAX=512KB",
            "SYNC_PATCH_EXPORT=zip",
            "SYNC_UPSTREAM_TIMEOUT=15s",
            "TEMPORAL_ADDRESS=temporal.internal:7233",
            "TEMPORAL_NAMESPACE=team",
            "TIERSYNC_HOME=/srv/tiersync/../tiersync-data",
            "TIERSYNC_COLLECTIONS=~/collections",
            "TIERSYNC_PROJECT_ROOTS=/srv/projects-a, /srv/projects-b",
            "TIERSYNC_API_TOKENS=first-token,,second-token")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              TiersyncProperties properties = context.getBean(TiersyncProperties.class);

              assertThat(properties.sync().asyncEnabled()).isFalse();
              assertThat(properties.sync().jobStore()).isEqualTo(JobStore.JSONL);
              assertThat(properties.sync().uiToasts()).isFalse();
              assertThat(properties.sync().diffPreviewMax()).isEqualTo(DataSize.ofKilobytes(512));
              assertThat(properties.sync().diffPreviewMax().toBytes()).isEqualTo(524_288);
              assertThat(properties.sync().patchExport()).isEqualTo(BundleFormat.ZIP);
              assertThat(properties.sync().upstreamTimeout()).isEqualTo(Duration.ofSeconds(15));
              assertThat(properties.temporal().address()).isEqualTo("temporal.internal:7233");
              assertThat(properties.temporal().namespace()).isEqualTo("team");
              assertThat(properties.home()).isEqualTo(Path.of("/srv/tiersync-data"));
              assertThat(properties.collections()).isEqualTo(USER_HOME.resolve("collections"));
              assertThat(properties.projectRoots())
                  .containsExactly(Path.of("/srv/projects-a"), Path.of("/srv/projects-b"));
              assertThat(properties.apiTokens()).containsExactly("first-token", "second-token");
              assertThat(properties.toString())
                  .doesNotContain("first-token")
                  .contains("apiTokens=<2 hidden>");
            });
  }

  @Test
  void jobStore_acceptsEverySpecValue() {
    runner
        .withSystemProperties("SYNC_JOB_STORE=sqlite")
        .run(
            context ->
                assertThat(context.getBean(TiersyncProperties.class).sync().jobStore())
                    .isEqualTo(JobStore.SQLITE));
  }

  @Test
  void diffPreviewMax_zeroFailsStartup() {
    runner
        .withSystemProperties("SYNC_DIFF_PREVIEW_MAX=0B")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("SYNC_DIFF_PREVIEW_MAX) must be positive"));
  }

  @Test
  void upstreamTimeout_belowASecondFailsStartup() {
    runner
        .withSystemProperties("SYNC_UPSTREAM_TIMEOUT=500ms")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("SYNC_UPSTREAM_TIMEOUT) must be at least 1s"));
  }

  @Test
  void jobStore_unknownValueFailsStartup() {
    runner
        .withSystemProperties("SYNC_JOB_STORE=mysql")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("tiersync.sync.job-store")
                    .hasStackTraceContaining("mysql"));
  }

  @Test
  void postgres_bindsTheDatabaseSettings_andHidesThePassword() {
    runner
        .withSystemProperties(
            "SYNC_JOB_STORE=postgres",
            "SYNC_DB_URL=jdbc:postgresql://db:5432/tiersync",
            "SYNC_DB_USER=tiersync",
            "SYNC_DB_PASSWORD=s3cret-pw",
            "TIERSYNC_INSTANCE_ID=node-a.1")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              TiersyncProperties properties = context.getBean(TiersyncProperties.class);
              assertThat(properties.sync().jobStore()).isEqualTo(JobStore.POSTGRES);
              assertThat(properties.sync().db())
                  .isEqualTo(new TiersyncProperties.Db("jdbc:postgresql://db:5432/tiersync", "tiersync", "s3cret-pw"));
              assertThat(properties.instanceId()).isEqualTo("node-a.1");
              assertThat(properties.toString()).doesNotContain("s3cret-pw").contains("password=<hidden>");
            });
  }

  @Test
  void postgres_withoutUrlFailsStartup_namingSyncDbUrl() {
    runner
        .withSystemProperties("SYNC_JOB_STORE=postgres")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("SYNC_DB_URL) must be set when SYNC_JOB_STORE=postgres"));
  }

  @Test
  void dbUrl_ofAnotherDatabaseFailsStartup() {
    runner
        .withSystemProperties("SYNC_JOB_STORE=postgres", "SYNC_DB_URL=jdbc:mysql://db/tiersync")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("SYNC_DB_URL) must be a PostgreSQL JDBC URL starting with 'jdbc:postgresql:'")
                    .hasMessageContaining("jdbc:mysql://db/tiersync"));
  }

  @Test
  void instanceId_defaultsToTheHostName() throws Exception {
    runner.run(
        context ->
            assertThat(context.getBean(TiersyncProperties.class).instanceId())
                .isEqualTo(java.net.InetAddress.getLocalHost().getHostName()));
  }

  @Test
  void instanceId_thatIsNoSafeFileNameFailsStartup() {
    runner
        .withSystemProperties("TIERSYNC_INSTANCE_ID=../other")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("TIERSYNC_INSTANCE_ID")
                    .hasMessageContaining("'../other'"));
  }

  @Test
  void namespace_blankIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TiersyncProperties.Temporal("", " "))
        .withMessageContaining("TEMPORAL_NAMESPACE");
  }
}
