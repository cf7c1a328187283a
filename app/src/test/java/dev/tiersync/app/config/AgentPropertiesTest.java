package dev.tiersync.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The host agent settings, bound from the real {@code application.yml} under their variable names. */
class AgentPropertiesTest {
  private final ApplicationContextRunner runner = YamlBinding.runner(Config.class);

  @EnableConfigurationProperties(AgentProperties.class)
  static class Config {}

  @Test
  void defaults_hostNameNoHostsNinetySecondsFiveSeconds() throws Exception {
    runner.run(
        context -> {
          AgentProperties agents = context.getBean(AgentProperties.class);
          assertThat(agents.hostId()).isEqualTo(java.net.InetAddress.getLocalHost().getHostName());
          assertThat(agents.hosts()).isEmpty();
          assertThat(agents.offlineAfter()).isEqualTo(Duration.ofSeconds(90));
          assertThat(agents.answerTimeout()).isEqualTo(Duration.ofSeconds(5));
          assertThat(agents.serverUrl()).isEmpty();
          assertThat(agents.token()).isEmpty();
          assertThat(agents.hostWait()).isEqualTo(Duration.ofMinutes(10));
        });
  }

  @Test
  void variables_setServerUrlTokenAndHostWait_andTheTokenIsNeverPrinted() {
    runner
        .withSystemProperties(
            "TIERSYNC_SERVER_URL= https://tiersync.example:8443/ ",
            "TIERSYNC_AGENT_TOKEN=s3cret-agent-token",
            "TIERSYNC_HOST_WAIT=1h")
        .run(
            context -> {
              AgentProperties agents = context.getBean(AgentProperties.class);
              assertThat(agents.serverUrl()).isEqualTo("https://tiersync.example:8443/");
              assertThat(agents.serverUri()).isEqualTo(java.net.URI.create("https://tiersync.example:8443/"));
              assertThat(agents.token()).isEqualTo("s3cret-agent-token");
              assertThat(agents.hostWait()).isEqualTo(Duration.ofHours(1));
              assertThat(agents.toString()).doesNotContain("s3cret").contains("token=<hidden>");
            });
  }

  @Test
  void serverUrl_thatIsNoAbsoluteHttpUrlFailsStartup() {
    assertFailure("TIERSYNC_SERVER_URL=tiersync.example:8080", "TIERSYNC_SERVER_URL", "absolute http or https URL");
    assertFailure("TIERSYNC_SERVER_URL=ftp://tiersync.example", "TIERSYNC_SERVER_URL", "'ftp://tiersync.example'");
    assertFailure("TIERSYNC_SERVER_URL=http://bad host", "TIERSYNC_SERVER_URL", "absolute http or https URL");
  }

  @Test
  void hostWait_outOfRangeFailsStartup() {
    assertFailure("TIERSYNC_HOST_WAIT=5s", "TIERSYNC_HOST_WAIT", "10s to 24h");
    assertFailure("TIERSYNC_HOST_WAIT=25h", "TIERSYNC_HOST_WAIT", "10s to 24h");
  }

  @Test
  void variables_setHostIdHostsAndTimes() {
    runner
        .withSystemProperties(
            "TIERSYNC_HOST_ID=ann-laptop",
            "TIERSYNC_HOSTS=ann-laptop, bob.laptop ,",
            "TIERSYNC_HOST_OFFLINE_AFTER=2m",
            "TIERSYNC_HOST_ANSWER_TIMEOUT=3s")
        .run(
            context -> {
              AgentProperties agents = context.getBean(AgentProperties.class);
              assertThat(agents.hostId()).isEqualTo("ann-laptop");
              assertThat(agents.hosts()).containsExactly("ann-laptop", "bob.laptop");
              assertThat(agents.offlineAfter()).isEqualTo(Duration.ofMinutes(2));
              assertThat(agents.answerTimeout()).isEqualTo(Duration.ofSeconds(3));
            });
  }

  @Test
  void hostId_thatIsNoSafeQueueNameFailsStartup() {
    assertFailure("TIERSYNC_HOST_ID=ann/laptop", "TIERSYNC_HOST_ID", "'ann/laptop'");
  }

  @Test
  void hosts_withABadOrRepeatedEntryFailStartup() {
    assertFailure("TIERSYNC_HOSTS=ann,-bob", "TIERSYNC_HOSTS", "'-bob'");
    assertFailure("TIERSYNC_HOSTS=ann,bob,ann", "TIERSYNC_HOSTS", "names host 'ann' twice");
  }

  @Test
  void times_outOfRangeFailStartup() {
    assertFailure("TIERSYNC_HOST_OFFLINE_AFTER=5s", "TIERSYNC_HOST_OFFLINE_AFTER", "at least 10s");
    assertFailure("TIERSYNC_HOST_ANSWER_TIMEOUT=0s", "TIERSYNC_HOST_ANSWER_TIMEOUT", "1s to 300s");
  }

  private void assertFailure(String setting, String... messageParts) {
    runner
        .withSystemProperties(setting)
        .run(
            context -> {
              var message = assertThat(context).getFailure().rootCause();
              for (String part : messageParts) {
                message.hasMessageContaining(part);
              }
            });
  }
}
